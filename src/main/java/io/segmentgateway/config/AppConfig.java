package io.segmentgateway.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Every setting of the service, read once: the jar's conf/config.json (every default, and nowhere else), a local
 * conf/config.json laid over it, then the environment.
 */
public record AppConfig(int port, int instances, Db db, Keys keys, Lifecycle lifecycle, RateLimit rateLimit,
    Batching batching, Validation validation, Edge edge) {

  /** The database and its connection pool. password may be null (trust or .pgpass-less setups). */
  public record Db(
      String host,
      int port,
      String database,
      String user,
      String password,
      int poolMaxSize,
      int maxWaitQueueSize,
      int connectionTimeoutMillis,
      int connectTimeoutMillis,
      int preparedStatementCacheMaxSize,
      int queryTimeoutMillis,
      int idleTimeoutMillis) {

    public Db withDatabase(String name) {
      return new Db(host, port, name, user, password, poolMaxSize, maxWaitQueueSize, connectionTimeoutMillis,
          connectTimeoutMillis, preparedStatementCacheMaxSize, queryTimeoutMillis, idleTimeoutMillis);
    }

    public Db withAddress(String newHost, int newPort) {
      return new Db(newHost, newPort, database, user, password, poolMaxSize, maxWaitQueueSize, connectionTimeoutMillis,
          connectTimeoutMillis, preparedStatementCacheMaxSize, queryTimeoutMillis, idleTimeoutMillis);
    }

    public Db withPool(int maxSize, int waitQueueSize) {
      return new Db(host, port, database, user, password, maxSize, waitQueueSize, connectionTimeoutMillis,
          connectTimeoutMillis, preparedStatementCacheMaxSize, queryTimeoutMillis, idleTimeoutMillis);
    }
  }

  /** The API key cache: how long a lookup (found or not) is trusted, and how many are kept. */
  public record Keys(int cacheTtlMillis, int cacheMaxEntries) {
  }

  /**
   * Probes and shutdown: how long a readiness check may take and how long its answer is reused; on SIGTERM, how
   * long the instance keeps serving while not ready (the balancer's time to notice) and when it exits regardless.
   */
  public record Lifecycle(int readyTimeoutMillis, int readyCacheMillis, int graceMillis, int deadlineMillis) {
  }

  /**
   * A token bucket per API key, per instance: perSecond tokens are added each second up to burst; each /v1
   * request takes one. perSecond 0 turns the limit off. maxKeys bounds the buckets kept in memory.
   */
  public record RateLimit(double perSecond, int burst, int maxKeys) {

    public boolean enabled() {
      return perSecond > 0;
    }
  }

  /**
   * PATCH batching (PatchBatcher): when enabled, each event loop runs at most maxInFlight PATCH statements at
   * once, and the PATCHes that arrive meanwhile go together, at most maxBatch per statement and commit.
   */
  public record Batching(boolean enabled, int maxInFlight, int maxBatch) {
  }

  /**
   * The reference check of live bodies (SchemaSample): referenceSamplePerSecond bodies a second per instance are
   * checked again by vertx-json-schema, off the event loop (0 turns it off); against the schema files in
   * referenceSchemaDirectory, or the jar's when it is null.
   */
  public record Validation(double referenceSamplePerSecond, String referenceSchemaDirectory) {
  }

  /**
   * What the HTTP edge allows a client: open connections per instance; the time from a request's first byte to the
   * end of its head; a body's pace (after bodyGraceMillis, at least bodyMinBytesPerSecond on average); the idle
   * time after which a kept-alive connection is closed; on SIGTERM, how long a connection that has not sent its
   * request yet may still send it, and how long responses are held back before the listening socket closes.
   */
  public record Edge(int maxConnections, int headTimeoutMillis, int bodyGraceMillis, int bodyMinBytesPerSecond,
      int idleTimeoutMillis, int drainLingerMillis, int drainQuiesceMillis) {
  }

  /** The settings of this process: the file, then the real environment. */
  public static AppConfig load() {
    return load(System.getenv());
  }

  /** The settings with env in place of the process environment (tests pass their own). */
  public static AppConfig load(Map<String, String> env) {
    return from(Settings.of(new JsonObject(), env));
  }

  /** json laid over the shipped defaults (not over a local conf/config.json), then env: for tests of the file. */
  static AppConfig fromJson(JsonObject json, Map<String, String> env) {
    return from(Settings.overShipped(json, env));
  }

  /** Environment names follow libpq, as PgConnectOptions.fromEnv() reads them; PGHOSTADDR wins over PGHOST. */
  private static AppConfig from(Settings s) {
    Db db = new Db(
        s.text("database.host", "PGHOSTADDR", "PGHOST"),
        s.integer("database.port", "PGPORT"),
        s.text("database.database", "PGDATABASE"),
        s.text("database.user", "PGUSER"),
        s.text("database.password", "PGPASSWORD"),
        s.integer("database.poolMaxSize"),
        s.integer("database.maxWaitQueueSize"),
        s.integer("database.connectionTimeoutMillis"),
        s.integer("database.connectTimeoutMillis"),
        s.integer("database.preparedStatementCacheMaxSize"),
        s.integer("database.queryTimeoutMillis"),
        s.integer("database.idleTimeoutMillis"));
    Keys keys = new Keys(s.integer("apiKeys.cacheTtlMillis"), s.integer("apiKeys.cacheMaxEntries"));
    int instances = s.integer("http.instances");
    if (instances <= 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    Lifecycle lifecycle = new Lifecycle(
        s.integer("health.readyTimeoutMillis"),
        s.integer("health.readyCacheMillis"),
        s.integer("shutdown.graceMillis", "SHUTDOWN_GRACE_MILLIS"),
        s.integer("shutdown.deadlineMillis", "SHUTDOWN_DEADLINE_MILLIS"));
    RateLimit rateLimit = new RateLimit(
        s.number("rateLimit.perSecond", "RATE_LIMIT_PER_SECOND"),
        s.integer("rateLimit.burst", "RATE_LIMIT_BURST"),
        s.integer("rateLimit.maxKeys"));
    Batching batching = new Batching(
        s.flag("patchBatching.enabled", "PATCH_BATCHING"),
        s.integer("patchBatching.maxInFlight"),
        s.integer("patchBatching.maxBatch"));
    if (batching.maxInFlight() < 1 || batching.maxBatch() < 1) {
      throw new IllegalArgumentException("patchBatching.maxInFlight and maxBatch must be at least 1");
    }
    Validation validation = new Validation(
        s.number("validation.referenceSamplePerSecond", null),
        s.text("validation.referenceSchemaDirectory"));
    Edge edge = new Edge(
        s.integer("http.maxConnections"),
        s.integer("http.headTimeoutMillis"),
        s.integer("http.bodyGraceMillis"),
        s.integer("http.bodyMinBytesPerSecond"),
        s.integer("http.idleTimeoutMillis"),
        s.integer("http.drainLingerMillis"),
        s.integer("http.drainQuiesceMillis"));
    return new AppConfig(s.integer("http.port", "PORT"), instances, db, keys, lifecycle, rateLimit, batching,
        validation, edge);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, instances, db, keys, lifecycle, rateLimit, batching, validation, edge);
  }

  public AppConfig withInstances(int newInstances) {
    return new AppConfig(port, newInstances, db, keys, lifecycle, rateLimit, batching, validation, edge);
  }

  public AppConfig withDb(Db newDb) {
    return new AppConfig(port, instances, newDb, keys, lifecycle, rateLimit, batching, validation, edge);
  }

  public AppConfig withKeys(Keys newKeys) {
    return new AppConfig(port, instances, db, newKeys, lifecycle, rateLimit, batching, validation, edge);
  }

  public AppConfig withLifecycle(Lifecycle newLifecycle) {
    return new AppConfig(port, instances, db, keys, newLifecycle, rateLimit, batching, validation, edge);
  }

  public AppConfig withRateLimit(RateLimit newRateLimit) {
    return new AppConfig(port, instances, db, keys, lifecycle, newRateLimit, batching, validation, edge);
  }

  public AppConfig withValidation(Validation newValidation) {
    return new AppConfig(port, instances, db, keys, lifecycle, rateLimit, batching, newValidation, edge);
  }

  public AppConfig withEdge(Edge newEdge) {
    return new AppConfig(port, instances, db, keys, lifecycle, rateLimit, batching, validation, newEdge);
  }

  public AppConfig withBatching(Batching newBatching) {
    return new AppConfig(port, instances, db, keys, lifecycle, rateLimit, newBatching, validation, edge);
  }
}
