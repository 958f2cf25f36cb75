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
public record AppConfig(int port, int instances, Db db, Keys keys) {

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
      int preparedStatementCacheMaxSize) {

    public Db withDatabase(String name) {
      return new Db(host, port, name, user, password, poolMaxSize, maxWaitQueueSize,
          connectionTimeoutMillis, connectTimeoutMillis, preparedStatementCacheMaxSize);
    }
  }

  /** The API key cache: how long a lookup (found or not) is trusted, and how many are kept. */
  public record Keys(int cacheTtlMillis, int cacheMaxEntries) {
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
        db.getInteger("preparedStatementCacheMaxSize", 64));
    Keys keySettings = new Keys(keys.getInteger("cacheTtlMillis", 5000), keys.getInteger("cacheMaxEntries", 10000));
    int port = intFrom(env, "PORT", http.getInteger("port", 8080));
    int instances = http.getInteger("instances", 0);
    if (instances <= 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    return new AppConfig(port, instances, dbSettings, keySettings);
  }

  public AppConfig withPort(int newPort) {
    return new AppConfig(newPort, instances, db, keys);
  }

  public AppConfig withInstances(int newInstances) {
    return new AppConfig(port, newInstances, db, keys);
  }

  public AppConfig withDb(Db newDb) {
    return new AppConfig(port, instances, newDb, keys);
  }

  public AppConfig withKeys(Keys newKeys) {
    return new AppConfig(port, instances, db, newKeys);
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
