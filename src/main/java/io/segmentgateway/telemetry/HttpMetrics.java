package io.segmentgateway.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * segment_gateway_http_server_requests_seconds: a latency histogram per route template, method and status; its
 * _count is the number of requests. Each timer is registered on first use and then found by array index, so that
 * recording a request builds no tags and allocates nothing.
 */
public final class HttpMetrics {

  static final String NAME = MeterNames.PREFIX + "http.server.requests";

  /** Bucket bounds: fine where this service answers (around a millisecond), coarse towards the 5 s timeouts. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};

  /** Methods with a label of their own; any other (clients may invent methods) is "OTHER", to bound the series. */
  private static final HttpMethod[] METHODS = {
      HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
      HttpMethod.OPTIONS};
  private static final String OTHER_METHOD = "OTHER";
  private static final int FIRST_STATUS = 100;
  private static final int STATUSES = 500;

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of one route template (all routers of the process share them). */
  public Route route(String template) {
    return routes.computeIfAbsent(template, Route::new);
  }

  /** One route template and its timers, one per method and status. */
  public final class Route {

    private final String template;
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>((METHODS.length + 1) * STATUSES);

    private Route(String template) {
      this.template = template;
    }

    public String template() {
      return template;
    }

    public void record(HttpMethod method, int status, long nanos) {
      int methodIndex = methodIndex(method);
      int statusIndex = Math.min(Math.max(status - FIRST_STATUS, 0), STATUSES - 1);
      int slot = methodIndex * STATUSES + statusIndex;
      Timer timer = timers.get(slot);
      if (timer == null) {
        // Two threads may both get here: the registry hands both the same timer.
        timer = register(methodIndex == METHODS.length ? OTHER_METHOD : METHODS[methodIndex].name(),
            statusIndex + FIRST_STATUS);
        timers.set(slot, timer);
      }
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(String method, int status) {
      return Timer.builder(NAME)
          .description("HTTP requests: time from the first byte read to the last byte written, by route template")
          .tag("route", template)
          .tag("method", method)
          .tag("status", Integer.toString(status))
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
    }
  }

  private static int methodIndex(HttpMethod method) {
    for (int i = 0; i < METHODS.length; i++) {
      if (METHODS[i].equals(method)) {
        return i;
      }
    }
    return METHODS.length;
  }
}
