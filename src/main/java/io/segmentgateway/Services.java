package io.segmentgateway;

import io.segmentgateway.auth.ApiKeyCache;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.LoopPools;
import io.segmentgateway.db.Statements;
import io.segmentgateway.edge.EdgeConnections;
import io.segmentgateway.edge.EdgeLimits;
import io.segmentgateway.ops.DatabaseCheck;
import io.segmentgateway.ops.Docs;
import io.segmentgateway.ops.Drain;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.ratelimit.Fleet;
import io.segmentgateway.ratelimit.RateLimitHandler;
import io.segmentgateway.segment.SchemaSample;
import io.segmentgateway.segment.batch.BatchMetrics;
import io.segmentgateway.segment.idempotency.IdempotencyRecords;
import io.segmentgateway.segment.idempotency.InFlightKeys;
import io.segmentgateway.segment.idempotency.RecordExpiry;
import io.segmentgateway.segment.validation.ReferenceSchemas;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.telemetry.AccessLogSink;
import io.segmentgateway.telemetry.Metrics;
import io.segmentgateway.telemetry.RefusedRequests;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every event loop shares, built once per process: thread-safe, or used only through thread-safe calls. A
 * new shared service is one component here and one line in create(); per-loop ones are LoopServices'.
 *
 * @param rateLimit null when rateLimit.perSecond is 0 (no limit)
 * @param accessLog null when the access log is off
 * @param fleet the instances sharing rate limits through Redis, or null without Redis (limits per instance)
 * @param inFlightKeys the Idempotency-Keys whose writes run on this instance, on any event loop
 * @param recordExpiry deletes expired idempotency records (started by Server, stopped before the pools close)
 * @param listening the HTTP servers that listen, one per verticle (each adds its own)
 * @param edge every HTTP connection's guard and the connection cap
 * @param refused requests answered before the router (the edge's and the HTTP decoder's refusals)
 */
record Services(
    AppConfig config,
    Metrics metrics,
    LoopPools pools,
    SegmentValidator validator,
    OpenApi openApi,
    Docs docs,
    ApiKeyCache keys,
    Fleet fleet,
    RateLimitHandler rateLimit,
    Drain drain,
    HealthHandlers health,
    BatchMetrics patchBatches,
    BatchMetrics readBatches,
    SchemaSample schemaSample,
    AccessLogSink accessLog,
    InFlightKeys inFlightKeys,
    RecordExpiry recordExpiry,
    List<HttpServer> listening,
    EdgeConnections edge,
    RefusedRequests refused) {

  /** Blocking (reads the API description and its viewer from the classpath): before any event loop serves. */
  static Services create(AppConfig config, Metrics metrics, Vertx vertx) {
    LoopPools pools = LoopPools.create(vertx, config);
    metrics.gauge("db.pool.connections", "Connections open to PostgreSQL, in use or idle", pools::size);
    metrics.gauge("db.pool.max.connections", "The most connections the pool opens (database.poolMaxSize)",
        pools::maxSize);
    AppConfig.Lifecycle lifecycle = config.lifecycle();
    Drain drain = new Drain();
    Pool checkPool = Database.createCheckPool(vertx, config);
    Statements check = new Statements(checkPool, lifecycle.readyTimeoutMillis());
    OpenApi openApi = OpenApi.load();
    AccessLogSink accessLog = config.accessLog().enabled()
        ? new AccessLogSink(config.accessLog().file(), config.accessLog().maxQueuedChunks(), metrics.registry())
        : null;
    RefusedRequests refused = new RefusedRequests(metrics.http(), accessLog, config.accessLog().json());
    EdgeConnections edge = new EdgeConnections(edgeLimits(config.edge()), refused::refused);
    metrics.gauge("http.connections", "HTTP connections open (http.maxConnections at most)", edge::open);
    Fleet fleet = fleet(config.rateLimit(), metrics, vertx);
    return new Services(
        config,
        metrics,
        pools,
        SegmentValidator.create(),
        openApi,
        Docs.load(ReferenceSchemas.BASE),
        new ApiKeyCache(config.keys()),
        fleet,
        RateLimitHandler.create(config.rateLimit(), vertx, fleet),
        drain,
        new HealthHandlers(new DatabaseCheck(check, lifecycle.readyCacheMillis()), drain),
        new BatchMetrics(metrics.registry(), "patch"),
        new BatchMetrics(metrics.registry(), "read"),
        schemaSample(config.validation(), openApi, metrics, vertx),
        accessLog,
        new InFlightKeys(),
        recordExpiry(config, checkPool, metrics, vertx),
        new CopyOnWriteArrayList<>(),
        edge,
        refused);
  }

  private static EdgeLimits edgeLimits(AppConfig.Edge edge) {
    return new EdgeLimits(edge.maxConnections(), edge.headTimeoutMillis(), edge.bodyGraceMillis(),
        edge.bodyMinBytesPerSecond(), edge.drainLingerMillis(), edge.drainQuiesceMillis());
  }

  /** Joins the fleet when Redis is configured (in the background: nothing waits for it), with its gauges. */
  private static Fleet fleet(AppConfig.RateLimit settings, Metrics metrics, Vertx vertx) {
    if (!settings.redis().enabled()) {
      return null;
    }
    Fleet fleet = Fleet.start(vertx, settings.redis());
    metrics.gauge("rate.limit.shared", "1 while the fleet shares one limit per key through Redis, 0 while this"
        + " instance limits each key to its share", () -> fleet.shared() ? 1 : 0);
    metrics.gauge("rate.limit.instances", "Instances alive at the last heartbeat Redis answered",
        fleet::instances);
    return fleet;
  }

  /**
   * On the readiness check's pool, two connections away from the requests': a sweep holds one of them for a few
   * milliseconds per thousand records, and never makes a request wait for a connection.
   */
  private static RecordExpiry recordExpiry(AppConfig config, Pool pool, Metrics metrics, Vertx vertx) {
    Statements statements = new Statements(pool, config.db().queryTimeoutMillis());
    IdempotencyRecords records = new IdempotencyRecords(statements, config.idempotency().retentionSeconds());
    return new RecordExpiry(vertx, records, config.idempotency(), metrics.registry());
  }

  /** The reference check of live bodies, on the jar's schema files unless the configuration names others. */
  private static SchemaSample schemaSample(AppConfig.Validation settings, OpenApi openApi, Metrics metrics,
      Vertx vertx) {
    ReferenceSchemas reference = null;
    if (settings.referenceSamplePerSecond() > 0) {
      String dir = settings.referenceSchemaDirectory();
      reference = dir == null
          ? ReferenceSchemas.of(openApi.schemaTexts())
          : ReferenceSchemas.fromDirectory(Path.of(dir));
    }
    return new SchemaSample(vertx, reference, settings.referenceSamplePerSecond(), metrics.registry());
  }
}
