package io.segmentgateway;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Every setting of the service, read once: conf/config.json (or its copy in the jar), then the environment. */
public record AppConfig(int port, int instances, Db db, Keys keys, Lifecycle lifecycle, RateLimit rateLimit,
    Batching batching) {

  /** Where conf/config.json is looked for first; the jar's copy is the fallback. */
  public static final Path CONFIG_FILE = Path.of("conf", "config.json");

  private static final String CLASSPATH_CONFIG = "conf/config.json";

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

  /** The settings of this process: the file, then the real environment. */
  public static AppConfig load() {
    return load(System.getenv());
  }

  /** The settings with env in place of the process environment (tests pass their own). */
  public static AppConfig load(Map<String, String> env) {
    return fromJson(readDefaults(), env);
  }

  /** Environment names follow libpq, as PgConnectOptions.fromEnv() reads them; PGHOSTADDR wins over PGHOST. */
  static AppConfig fromJson(JsonObject json, Map<String, String> env) {
    JsonObject http = json.getJsonObject("http", new JsonObject());
    JsonObject db = json.getJsonObject("database", new JsonObject());
    JsonObject keys = json.getJsonObject("apiKeys", new JsonObject());
    String host = text(env, "PGHOSTADDR", text(env, "PGHOST", db.getString("host", "localhost")));
    Db dbSettings = new Db(
        host,
        intFrom(env, "PGPORT", db.getInteger("port", 5432)),
        text(env, "PGDATABASE", db.getString("database", "postgres")),
        text(env, "PGUSER", db.getString("user", "postgres")),
        text(env, "PGPASSWORD", db.getString("password")),
        db.getInteger("poolMaxSize", 8),
        db.getInteger("maxWaitQueueSize", 512),
        db.getInteger("connectionTimeoutMillis", 2000),
        db.getInteger("connectTimeoutMillis", 2000),
        db.getInteger("preparedStatementCacheMaxSize", 64),
        db.getInteger("queryTimeoutMillis", 3000),
        db.getInteger("idleTimeoutMillis", 5000));
    Keys keySettings = new Keys(keys.getInteger("cacheTtlMillis", 5000), keys.getInteger("cacheMaxEntries", 10000));
    int port = intFrom(env, "PORT", http.getInteger("port", 8080));
    int instances = http.getInteger("instances", 0);
    if (instances <= 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    JsonObject health = json.getJsonObject("health", new JsonObject());
    JsonObject shutdown = json.getJsonObject("shutdown", new JsonObject());
    Lifecycle lifecycle = new Lifecycle(
        health.getInteger("readyTimeoutMillis", 1000),
        health.getInteger("readyCacheMillis", 1000),
        intFrom(env, "SHUTDOWN_GRACE_MILLIS", shutdown.getInteger("graceMillis", 5000)),
        intFrom(env, "SHUTDOWN_DEADLINE_MILLIS", shutdown.getInteger("deadlineMillis", 30000)));
    JsonObject limit = json.getJsonObject("rateLimit", new JsonObject());
    RateLimit rateLimit = new RateLimit(
        doubleFrom(env, "RATE_LIMIT_PER_SECOND", limit.getDouble("perSecond", 1000.0)),
        intFrom(env, "RATE_LIMIT_BURST", limit.getInteger("burst", 2000)),
        limit.getInteger("maxKeys", 10000));
    JsonObject batch = json.getJsonObject("patchBatching", new JsonObject());
    Batching batching = new Batching(
        booleanFrom(env, "PATCH_BATCHING", batch.getBoolean("enabled", true)),
        batch.getInteger("maxInFlight", 2),
        batch.getInteger("maxBatch", 64));
    if (batching.maxInFlight() < 1 || batching.maxBatch() < 1) {
      throw new IllegalArgumentException("patchBatching.maxInFlight and maxBatch must be at least 1");
    }
    return new AppConfig(port, instances, dbSettings, keySettings, lifecycle, rateLimit, batching);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, instances, db, keys, lifecycle, rateLimit, batching);
  }

  public AppConfig withInstances(int newInstances) {
    return new AppConfig(port, newInstances, db, keys, lifecycle, rateLimit, batching);
  }

  public AppConfig withDb(Db newDb) {
    return new AppConfig(port, instances, newDb, keys, lifecycle, rateLimit, batching);
  }

  public AppConfig withKeys(Keys newKeys) {
    return new AppConfig(port, instances, db, newKeys, lifecycle, rateLimit, batching);
  }

  public AppConfig withLifecycle(Lifecycle newLifecycle) {
    return new AppConfig(port, instances, db, keys, newLifecycle, rateLimit, batching);
  }

  public AppConfig withRateLimit(RateLimit newRateLimit) {
    return new AppConfig(port, instances, db, keys, lifecycle, newRateLimit, batching);
  }

  public AppConfig withBatching(Batching newBatching) {
    return new AppConfig(port, instances, db, keys, lifecycle, rateLimit, newBatching);
  }

  private static boolean booleanFrom(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  /** libpq treats an empty variable as unset; so do we. */
  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static int intFrom(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }

  private static double doubleFrom(Map<String, String> env, String name, double fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }

  private static JsonObject readDefaults() {
    try {
      if (Files.isRegularFile(CONFIG_FILE)) {
        return new JsonObject(Files.readString(CONFIG_FILE, StandardCharsets.UTF_8));
      }
      try (InputStream in = AppConfig.class.getClassLoader().getResourceAsStream(CLASSPATH_CONFIG)) {
        if (in == null) {
          return new JsonObject();
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CONFIG_FILE, e);
    }
  }
}
