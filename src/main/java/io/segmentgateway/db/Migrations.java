package io.segmentgateway.db;

import io.segmentgateway.config.AppConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with the versioned SQL in db/migration. Blocking: it runs at start-up,
 * before any verticle. Flyway holds a PostgreSQL advisory lock while it migrates, so instances that start
 * at the same time wait for each other instead of applying a migration twice.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static MigrateResult migrate(AppConfig.Db db) {
    MigrateResult result = configure(db)
        .connectRetries(3)
        .load()
        .migrate();
    LOG.info("Database schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }

  /** What inspect found. */
  public enum Schema {
    /** No answer: the database cannot be reached (or refused the login). */
    UNREACHABLE,
    /** Migrations are pending (a fresh database, or an older release's schema). */
    BEHIND,
    /** Every migration is applied. */
    CURRENT
  }

  /**
   * Reads what migrate reads on an up-to-date schema and changes nothing (for the warm-up command); an unreachable
   * database is reported at once, without retries.
   */
  public static Schema inspect(AppConfig.Db db) {
    try {
      MigrationInfoService info = configure(db)
          .load()
          .info();
      return info.current() != null && info.pending().length == 0 ? Schema.CURRENT : Schema.BEHIND;
    } catch (FlywayException e) {
      return Schema.UNREACHABLE;
    }
  }

  /**
   * Bounds on every step, so that a database that does not answer fails the start with a reason instead of hanging
   * it: TCP connect, then startup and login (seconds, generous for a loaded machine), then any one read (long enough
   * for a migration that rebuilds a large table).
   */
  private static final String BOUNDS = "?connectTimeout=10&loginTimeout=30&socketTimeout=600";

  private static FluentConfiguration configure(AppConfig.Db db) {
    return Flyway.configure()
        .dataSource(jdbcUrl(db) + BOUNDS, db.user(), db.password())
        .locations("classpath:db/migration");
  }

  /** The JDBC form of the same settings the reactive pool uses. */
  public static String jdbcUrl(AppConfig.Db db) {
    String host = db.host().contains(":") && !db.host().startsWith("[") ? "[" + db.host() + "]" : db.host();
    return "jdbc:postgresql://" + host + ":" + db.port() + "/"
        + URLEncoder.encode(db.database(), StandardCharsets.UTF_8);
  }
}
