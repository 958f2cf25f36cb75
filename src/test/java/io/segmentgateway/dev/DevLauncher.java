package io.segmentgateway.dev;

import io.segmentgateway.Server;
import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Statements;
import io.segmentgateway.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The service for a developer's machine: on the database the PG* variables name, or else on an embedded
 * PostgreSQL kept in target/dev-postgres, with an API key for app "demo" and curl examples printed.
 * Run: mvn -B -DskipTests package exec:java@dev
 */
public final class DevLauncher {

  private static final Path DATA_DIR = Path.of("target", "dev-postgres").toAbsolutePath();
  private static final long KEY_TIMEOUT_MILLIS = 15_000;
  private static final int KEY_ATTEMPTS = 4;

  private DevLauncher() {
  }

  /**
   * Any failure of the start is printed with its cause and ends the process with 1: exec:java would otherwise hold
   * the exception back until every non-daemon thread (Vert.x's) had ended, that is forever.
   */
  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable e) {
      System.err.println("segment-gateway could not start: " + e);
      e.printStackTrace();
      System.err.flush();
      System.exit(1);
    }
  }

  private static void run() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (TestDatabase.externalServer(env)) {
      System.out.println("PG* is set: serving against " + env.getOrDefault("PGHOST", "localhost"));
    } else {
      EmbeddedPostgres postgres = startEmbedded();
      env.put("PGHOST", "localhost");
      env.put("PGPORT", String.valueOf(postgres.getPort()));
      env.put("PGDATABASE", "postgres");
      env.put("PGUSER", "postgres");
      System.out.println("Embedded PostgreSQL on port " + postgres.getPort() + ", data in " + DATA_DIR);
    }
    AppConfig config = AppConfig.load(env);
    Server server = Server.start(config);
    String key = createKey(server);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-stop"));
    printWelcome(server.port(), key);
    Thread.currentThread().join();
  }

  /**
   * The first statement also opens the pool's first connection: on a loaded machine that can take longer than the
   * service's query timeout, so the key is asked for with a longer one, a few times, before the start gives up.
   */
  private static String createKey(Server server) throws InterruptedException {
    Statements patient = new Statements(server.pool(), KEY_TIMEOUT_MILLIS);
    RuntimeException last = null;
    for (int attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
      try {
        return ApiKeys.create(patient, "demo").await();
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(1000);
      }
    }
    server.close();
    throw new IllegalStateException("no API key could be created", last);
  }

  private static EmbeddedPostgres startEmbedded() {
    try {
      // A fixed directory, so that the data survives restarts (mvn clean removes it); the library stops
      // PostgreSQL when the JVM exits.
      return EmbeddedPostgres.builder()
          .setDataDirectory(DATA_DIR)
          .setCleanDataDirectory(false)
          .start();
    } catch (IOException | RuntimeException e) {
      System.err.println("The embedded PostgreSQL could not start (" + e.getMessage() + ").");
      System.err.println("Point the service at a PostgreSQL server instead, e.g.:");
      System.err.println("  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=postgres mvn -B -DskipTests package exec:java@dev");
      System.exit(1);
      return null;
    }
  }

  private static void printWelcome(int port, String key) {
    String base = "http://localhost:" + port;
    String text = String.join(System.lineSeparator(),
        "",
        "segment-gateway is running on " + base + "  (Ctrl-C stops it)",
        "API key for app 'demo': " + key,
        "",
        "Create a segment:",
        "  curl -i -X POST " + base + "/v1/segments \\",
        "    -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\",
        "    -d '{\"id\":\"seg_jfeZ4NrGegjV9\",\"name\":\"Android phones in Poland\",\"constraints\":[{\"type\":\"AND\","
            + "\"constraints\":[{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"},"
            + "{\"field\":\"type\",\"relation\":\"==\",\"value\":\"phone\"}]}]}'",
        "",
        "Update it (only the fields sent change):",
        "  curl -i -X PATCH " + base + "/v1/segments \\",
        "    -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\",
        "    -d '{\"id\":\"seg_jfeZ4NrGegjV9\",\"constraints\":[{\"type\":\"AND\",\"constraints\":"
            + "[{\"field\":\"osVersion\",\"value\":\"13\",\"relation\":\"EQUALS\"}]}]}'",
        "",
        "Read it:  curl -i " + base + "/v1/segments/seg_jfeZ4NrGegjV9 -H 'Authorization: Bearer " + key + "'",
        "",
        "Does a device match it?",
        "  curl -s -X POST " + base + "/v1/segments/seg_jfeZ4NrGegjV9/evaluate \\",
        "    -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\",
        "    -d '{\"devices\":[{\"osVersion\":\"13\",\"type\":\"phone\"},{\"osVersion\":\"14\"}]}'",
        "",
        "API description: " + base + "/openapi.json; try it in a browser: " + base + "/docs",
        "");
    System.out.println(text);
  }
}
