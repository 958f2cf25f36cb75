package io.segmentgateway.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every setting of the service, read once: the jar's conf/config.json (every default, and nowhere else), a local
 * conf/config.json laid over it, then the environment.
 */
public record AppConfig(int port, int instances, Db db, Keys keys, Lifecycle lifecycle, RateLimit rateLimit,
    Batching batching, Batching readBatching, Validation validation, AccessLogging accessLog,
    Idempotency idempotency, Edge edge, String transport) {

  /** io.transport's values: Netty's io_uring transport where the kernel allows it, else Java NIO; or NIO always. */
  public static final String IO_URING = "io_uring";
  public static final String NIO = "nio";

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
   * A token bucket per API key: perSecond tokens are added each second up to burst; each /v1 request takes one. A
   * key may carry its own rate and burst instead. perSecond 0 turns the limit off for keys without their own.
   * maxKeys bounds the buckets kept in memory. redis: where the fleet shares one bucket per key (Redis.url null:
   * each instance keeps its own).
   */
  public record RateLimit(double perSecond, int burst, int maxKeys, Redis redis) {

    public boolean enabled() {
      return perSecond > 0;
    }

    public RateLimit withRedis(Redis newRedis) {
      return new RateLimit(perSecond, burst, maxKeys, newRedis);
    }
  }

  /**
   * The shared rate limit (ratelimit.SharedLimiter). url: redis://[user:password@]host[:port][/db], or null for
   * none; keyPrefix: the start of every Redis key it writes. A Redis command not answered within
   * commandTimeoutMillis counts as failed, and failuresBeforeFallback in a row put the instance on its share of each
   * limit (an outage is logged once, and one that follows within outageQuietMillis of sharing again counts as the same
   * one); a connection is set up within connectTimeoutMillis and closed after silenceMillis without a byte read;
   * every heartbeatMillis the instance announces itself, every probeMillis while on its share (asking whether Redis
   * is back), and counts as alive for instanceTtlMillis. An instance leases about leaseMillis of a key's recent rate at a time and
   * holds or owes at most heldMillis of its share of the key's rate.
   */
  public record Redis(String url, String keyPrefix, int commandTimeoutMillis, int connectTimeoutMillis,
      int silenceMillis, int heartbeatMillis, int probeMillis, int instanceTtlMillis, int failuresBeforeFallback,
      int outageQuietMillis, int leaseMillis, int heldMillis) {

    public boolean enabled() {
      return url != null;
    }

    /** The same timing on another server and key prefix (url null: none). */
    public Redis at(String newUrl, String newKeyPrefix) {
      return new Redis(newUrl, newKeyPrefix, commandTimeoutMillis, connectTimeoutMillis, silenceMillis,
          heartbeatMillis, probeMillis, instanceTtlMillis, failuresBeforeFallback, outageQuietMillis, leaseMillis,
          heldMillis);
    }

    /** The same, with outages told apart after newQuietMillis of sharing (tests that cause several in a row). */
    public Redis withOutageQuietMillis(int newQuietMillis) {
      return new Redis(url, keyPrefix, commandTimeoutMillis, connectTimeoutMillis, silenceMillis, heartbeatMillis,
          probeMillis, instanceTtlMillis, failuresBeforeFallback, newQuietMillis, leaseMillis, heldMillis);
    }
  }

  /**
   * Batching (segment.batch.Batcher) of PATCHes (patchBatching) or of reads of one segment (readBatching): when
   * enabled, each event loop runs at most maxInFlight such statements at once, and the requests that arrive
   * meanwhile go together, at most maxBatch per statement (and, for PATCHes, per commit).
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
   * The access log (telemetry.AccessLog): one line per request, or sampleRate of them (every 5xx and 499 always),
   * buffered per event loop for up to flushMillis and written by one thread; at most maxQueuedChunks chunks wait
   * for it, beyond which lines are dropped and counted. file: null for standard output. json: LOG_FORMAT=json.
   */
  public record AccessLogging(boolean enabled, double sampleRate, int flushMillis, int maxQueuedChunks, String file,
      boolean json) {
  }

  /**
   * Idempotency-Key records: each is kept retentionHours after its write, for a retry with the same key; every
   * expiryIntervalMillis each instance deletes the expired ones, expiryBatch rows per statement, until a statement
   * finds fewer.
   */
  public record Idempotency(double retentionHours, int expiryIntervalMillis, int expiryBatch) {

    public double retentionSeconds() {
      return retentionHours * 3600;
    }
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
    Redis redis = new Redis(
        s.text("rateLimit.redis.url", "REDIS_URL"),
        s.text("rateLimit.redis.keyPrefix"),
        s.integer("rateLimit.redis.commandTimeoutMillis"),
        s.integer("rateLimit.redis.connectTimeoutMillis"),
        s.integer("rateLimit.redis.silenceMillis"),
        s.integer("rateLimit.redis.heartbeatMillis"),
        s.integer("rateLimit.redis.probeMillis"),
        s.integer("rateLimit.redis.instanceTtlMillis"),
        s.integer("rateLimit.redis.failuresBeforeFallback"),
        s.integer("rateLimit.redis.outageQuietMillis"),
        s.integer("rateLimit.redis.leaseMillis"),
        s.integer("rateLimit.redis.heldMillis"));
    RateLimit rateLimit = new RateLimit(
        s.number("rateLimit.perSecond", "RATE_LIMIT_PER_SECOND"),
        s.integer("rateLimit.burst", "RATE_LIMIT_BURST"),
        s.integer("rateLimit.maxKeys"),
        redis);
    Batching batching = new Batching(
        s.flag("patchBatching.enabled", "PATCH_BATCHING"),
        s.integer("patchBatching.maxInFlight"),
        s.integer("patchBatching.maxBatch"));
    Batching readBatching = new Batching(
        s.flag("readBatching.enabled", "READ_BATCHING"),
        s.integer("readBatching.maxInFlight"),
        s.integer("readBatching.maxBatch"));
    for (Batching b : new Batching[] {batching, readBatching}) {
      if (b.maxInFlight() < 1 || b.maxBatch() < 1) {
        throw new IllegalArgumentException("patchBatching and readBatching: maxInFlight and maxBatch must be >= 1");
      }
    }
    Validation validation = new Validation(
        s.number("validation.referenceSamplePerSecond", null),
        s.text("validation.referenceSchemaDirectory"));
    String format = s.variable("LOG_FORMAT");
    AccessLogging accessLog = new AccessLogging(
        s.flag("accessLog.enabled"),
        s.number("accessLog.sampleRate", null),
        s.integer("accessLog.flushMillis"),
        s.integer("accessLog.maxQueuedChunks"),
        s.text("accessLog.file"),
        format != null && format.trim().equalsIgnoreCase("json"));
    Idempotency idempotency = new Idempotency(
        s.number("idempotency.retentionHours", null),
        s.integer("idempotency.expiryIntervalMillis"),
        s.integer("idempotency.expiryBatch"));
    if (idempotency.retentionHours() <= 0 || idempotency.expiryIntervalMillis() < 1
        || idempotency.expiryBatch() < 1) {
      throw new IllegalArgumentException("idempotency: retentionHours must be > 0, expiryIntervalMillis and"
          + " expiryBatch >= 1");
    }
    Edge edge = new Edge(
        s.integer("http.maxConnections"),
        s.integer("http.headTimeoutMillis"),
        s.integer("http.bodyGraceMillis"),
        s.integer("http.bodyMinBytesPerSecond"),
        s.integer("http.idleTimeoutMillis"),
        s.integer("http.drainLingerMillis"),
        s.integer("http.drainQuiesceMillis"));
    String transport = s.text("io.transport", "IO_TRANSPORT");
    if (!IO_URING.equals(transport) && !NIO.equals(transport)) {
      throw new IllegalArgumentException("io.transport must be \"" + IO_URING + "\" or \"" + NIO + "\", got '"
          + transport + "'");
    }
    return new AppConfig(s.integer("http.port", "PORT"), instances, db, keys, lifecycle, rateLimit, batching,
        readBatching, validation, accessLog, idempotency, edge, transport);
  }

  public AppConfig withPort(int newPort) {
    return edit(b -> b.port = newPort);
  }

  public AppConfig withInstances(int newInstances) {
    return edit(b -> b.instances = newInstances);
  }

  public AppConfig withDb(Db newDb) {
    return edit(b -> b.db = newDb);
  }

  public AppConfig withKeys(Keys newKeys) {
    return edit(b -> b.keys = newKeys);
  }

  public AppConfig withLifecycle(Lifecycle newLifecycle) {
    return edit(b -> b.lifecycle = newLifecycle);
  }

  public AppConfig withRateLimit(RateLimit newRateLimit) {
    return edit(b -> b.rateLimit = newRateLimit);
  }

  public AppConfig withValidation(Validation newValidation) {
    return edit(b -> b.validation = newValidation);
  }

  public AppConfig withAccessLog(AccessLogging newAccessLog) {
    return edit(b -> b.accessLog = newAccessLog);
  }

  public AppConfig withReadBatching(Batching newReadBatching) {
    return edit(b -> b.readBatching = newReadBatching);
  }

  public AppConfig withBatching(Batching newBatching) {
    return edit(b -> b.batching = newBatching);
  }

  public AppConfig withIdempotency(Idempotency newIdempotency) {
    return edit(b -> b.idempotency = newIdempotency);
  }

  public AppConfig withEdge(Edge newEdge) {
    return edit(b -> b.edge = newEdge);
  }

  /** A copy with one setting changed (tests, and the key commands' single event loop). */
  private AppConfig edit(Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** Every component once: a new section is one field here, one line in each of the two methods. */
  private static final class Builder {
    private int port;
    private int instances;
    private Db db;
    private Keys keys;
    private Lifecycle lifecycle;
    private RateLimit rateLimit;
    private Batching batching;
    private Batching readBatching;
    private Validation validation;
    private AccessLogging accessLog;
    private Idempotency idempotency;
    private Edge edge;
    private String transport;

    Builder(AppConfig c) {
      port = c.port;
      instances = c.instances;
      db = c.db;
      keys = c.keys;
      lifecycle = c.lifecycle;
      rateLimit = c.rateLimit;
      batching = c.batching;
      readBatching = c.readBatching;
      validation = c.validation;
      accessLog = c.accessLog;
      idempotency = c.idempotency;
      edge = c.edge;
      transport = c.transport;
    }

    AppConfig build() {
      return new AppConfig(port, instances, db, keys, lifecycle, rateLimit, batching, readBatching, validation,
          accessLog, idempotency, edge, transport);
    }
  }
}
