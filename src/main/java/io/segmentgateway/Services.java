package io.segmentgateway;

import io.segmentgateway.auth.ApiKeyCache;
import io.segmentgateway.auth.RateLimitHandler;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.LoopPools;
import io.segmentgateway.db.Statements;
import io.segmentgateway.edge.EdgeConnections;
import io.segmentgateway.edge.EdgeLimits;
import io.segmentgateway.ops.DatabaseCheck;
import io.segmentgateway.ops.Drain;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.SchemaSample;
import io.segmentgateway.segment.batch.BatchMetrics;
import io.segmentgateway.segment.validation.ReferenceSchemas;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.telemetry.Metrics;
import io.segmentgateway.telemetry.RefusedRequests;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every event loop shares, built once per process: thread-safe, or used only through thread-safe calls. A
 * new shared service is one component here and one line in create(); per-loop ones are LoopServices'.
 *
 * @param rateLimit null when rateLimit.perSecond is 0 (no limit)
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
    ApiKeyCache keys,
    RateLimitHandler rateLimit,
    Drain drain,
    HealthHandlers health,
    BatchMetrics batchMetrics,
    SchemaSample schemaSample,
    List<HttpServer> listening,
    EdgeConnections edge,
    RefusedRequests refused) {

  /** Blocking (reads the API description from the classpath): before any event loop serves. */
  static Services create(AppConfig config, Metrics metrics, Vertx vertx) {
    LoopPools pools = LoopPools.create(vertx, config);
    metrics.gauge("db.pool.connections", "Connections open to PostgreSQL, in use or idle", pools::size);
    metrics.gauge("db.pool.max.connections", "The most connections the pool opens (database.poolMaxSize)",
        pools::maxSize);
    AppConfig.Lifecycle lifecycle = config.lifecycle();
    Drain drain = new Drain();
    Statements check = new Statements(Database.createCheckPool(vertx, config), lifecycle.readyTimeoutMillis());
    OpenApi openApi = OpenApi.load();
    RefusedRequests refused = new RefusedRequests(metrics.http());
    EdgeConnections edge = new EdgeConnections(edgeLimits(config.edge()), refused::refused);
    metrics.gauge("http.connections", "HTTP connections open (http.maxConnections at most)", edge::open);
    return new Services(
        config,
        metrics,
        pools,
        SegmentValidator.create(),
        openApi,
        new ApiKeyCache(config.keys()),
        RateLimitHandler.create(config.rateLimit()),
        drain,
        new HealthHandlers(new DatabaseCheck(check, lifecycle.readyCacheMillis()), drain),
        new BatchMetrics(metrics.registry()),
        schemaSample(config.validation(), openApi, metrics, vertx),
        new CopyOnWriteArrayList<>(),
        edge,
        refused);
  }

  private static EdgeLimits edgeLimits(AppConfig.Edge edge) {
    return new EdgeLimits(edge.maxConnections(), edge.headTimeoutMillis(), edge.bodyGraceMillis(),
        edge.bodyMinBytesPerSecond(), edge.drainLingerMillis(), edge.drainQuiesceMillis());
  }

  /** The reference check of live bodies, on the jar's schema files unless the configuration names others. */
  private static SchemaSample schemaSample(AppConfig.Validation settings, OpenApi openApi, Metrics metrics,
      Vertx vertx) {
    ReferenceSchemas reference = null;
    if (settings.referenceSamplePerSecond() > 0) {
      String dir = settings.referenceSchemaDirectory();
      reference = dir == null ? ReferenceSchemas.of(openApi.schemaTexts()) : ReferenceSchemas.fromDirectory(Path.of(dir));
    }
    return new SchemaSample(vertx, reference, settings.referenceSamplePerSecond(), metrics.registry());
  }
}
