package io.segmentgateway.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The meters of one running service and GET /metrics (Prometheus text). One registry, handed to Vert.x, which
 * fills it with its pool and SQL client meters (vertx_*) and the JVM and process binders; our own meters are
 * named segment_gateway_*.
 */
public final class Metrics {

  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Vert.x domains that would cost work on every request, connection or read and that nobody reads here: the
   * HTTP server is measured by HttpMetrics instead (route templates, no per-request tags).
   */
  private static final MetricsDomain[] UNUSED_DOMAINS = {
      MetricsDomain.HTTP_SERVER, MetricsDomain.HTTP_CLIENT, MetricsDomain.NET_SERVER, MetricsDomain.NET_CLIENT,
      MetricsDomain.DATAGRAM_SOCKET, MetricsDomain.EVENT_BUS, MetricsDomain.VERTICLES};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpMetrics http = new HttpMetrics(registry);
  private final ValidationFailures validationFailures = new ValidationFailures(registry);

  public Metrics() {
    // Vert.x binds the JVM meters and process CPU and uptime; open files are the one process meter it leaves out.
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** A Vert.x on transport that reports to this registry (pools, SQL client, JVM), and to nothing else. */
  public Vertx createVertx(Transport transport) {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
        .setEnabled(true)
        // Vert.x keeps registries in a static map by this name: each service (tests run several) needs its own.
        .setRegistryName("segment-gateway-" + UUID.randomUUID())
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.POOL_TYPE, Label.POOL_NAME));
    for (MetricsDomain domain : UNUSED_DOMAINS) {
      options.addDisabledMetricsCategory(domain);
    }
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withTransport(transport)
        .build();
  }

  /** A gauge of our own, named under MeterNames.PREFIX: value is read at each scrape. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(MeterNames.PREFIX + name, value)
        .description(description)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public HttpMetrics http() {
    return http;
  }

  public ValidationFailures validationFailures() {
    return validationFailures;
  }

  /** GET /metrics. Formatting every series is a few milliseconds of CPU: done on a worker, not an event loop. */
  public void scrape(RoutingContext ctx) {
    ctx.vertx()
        .executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_FORMAT)
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(Buffer.buffer(text)))
        .onFailure(ctx::fail);
  }
}
