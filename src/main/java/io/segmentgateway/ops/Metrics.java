package io.segmentgateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.segmentgateway.auth.KeyRevocations;
import io.segmentgateway.db.LoopPools;
import java.util.EnumSet;
import java.util.UUID;

/**
 * The meters of one running service and GET /metrics (Prometheus text). One registry, handed to Vert.x, which
 * fills it with its pool and SQL client meters (vertx_*) and the JVM and process binders; our own meters are
 * named segment_gateway_*.
 */
public final class Metrics {

  /** Prefix of the service's own meters; Prometheus turns segment_gateway.x.y into segment_gateway_x_y. */
  public static final String PREFIX = "segment_gateway.";

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

  /** A Vert.x that reports to this registry (pools, SQL client, JVM), and to nothing else. */
  public Vertx createVertx() {
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
        .build();
  }

  /**
   * What Vert.x's pool meters lack: connections open and the most allowed. Vert.x gives in use
   * (vertx_pool_in_use), waiting (vertx_pool_queue_pending) and wait time (vertx_pool_queue_time_seconds).
   */
  public void bindPools(LoopPools pools) {
    Gauge.builder(PREFIX + "db.pool.connections", pools, LoopPools::size)
        .description("Connections open to PostgreSQL, in use or idle")
        .register(registry);
    Gauge.builder(PREFIX + "db.pool.max.connections", pools, LoopPools::maxSize)
        .description("The most connections the pool opens (database.poolMaxSize)")
        .register(registry);
  }

  /** 0 while this instance cannot hear of revoked keys and relies on the key cache's TTL alone. */
  public void bindKeyRevocations(KeyRevocations revocations) {
    Gauge.builder(PREFIX + "key.revocations.listening", revocations, r -> r.listening() ? 1 : 0)
        .description("1 while this instance listens for API key revocations, 0 while it relies on the cache TTL")
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
