package io.segmentgateway.support;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty database per test class: on the server the PG* variables name (CI), or else on one embedded
 * PostgreSQL shared by the whole test JVM.
 */
public final class TestDatabase {

  private static final List<String> LIBPQ_VARIABLES = List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD");

  private static AppConfig.Db admin;

  private TestDatabase() {
  }

  /** True when the environment names a PostgreSQL server to use. */
  public static boolean externalServer(Map<String, String> env) {
    return LIBPQ_VARIABLES.stream().anyMatch(v -> env.get(v) != null && !env.get(v).isEmpty());
  }

  /** Settings of the maintenance database of the server the tests use. */
  public static synchronized AppConfig.Db admin() {
    if (admin == null) {
      if (externalServer(System.getenv())) {
        admin = AppConfig.load(System.getenv()).db();
      } else {
        admin = startEmbedded();
      }
    }
    return admin;
  }

  /** Creates sg_<random> and returns settings that point at it (not yet migrated). */
  public static AppConfig.Db create() {
    String name = "sg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    execute(admin(), "CREATE DATABASE " + name);
    return admin().withDatabase(name);
  }

  public static void drop(AppConfig.Db db) {
    execute(admin(), "DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
  }

  /** Runs one statement on the given database, for tests that arrange data behind the service's back. */
  public static void execute(AppConfig.Db db, String sql) {
    try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + sql, e);
    }
  }

  public static Connection connect(AppConfig.Db db) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", db.user());
    if (db.password() != null) {
      properties.setProperty("password", db.password());
    }
    return DriverManager.getConnection(Migrations.jdbcUrl(db), properties);
  }

  private static AppConfig.Db startEmbedded() {
    try {
      // The library stops it and removes its temporary data directory when the JVM exits.
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      AppConfig.Db defaults = AppConfig.load(Map.of()).db();
      return new AppConfig.Db("localhost", postgres.getPort(), "postgres", "postgres", null,
          defaults.poolMaxSize(), defaults.maxWaitQueueSize(), defaults.connectionTimeoutMillis(),
          defaults.connectTimeoutMillis(), defaults.preparedStatementCacheMaxSize(), defaults.queryTimeoutMillis(),
          defaults.idleTimeoutMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start; set PG* to use a server", e);
    }
  }
}
