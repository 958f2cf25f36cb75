package io.segmentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The schema migrations, including two instances that start at the same moment on an empty database. */
class MigrationsTest {

  /** The files in src/main/resources/db/migration. */
  private static final int VERSIONS = 3;

  @Test
  void twoConcurrentMigrationsOnAFreshDatabaseBothSucceedAndApplyEachVersionOnce() throws Exception {
    AppConfig.Db db = TestDatabase.create();
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<MigrateResult>> runs = List.of(
          CompletableFuture.supplyAsync(() -> awaitThenMigrate(start, db)),
          CompletableFuture.supplyAsync(() -> awaitThenMigrate(start, db)));
      start.countDown();
      MigrateResult first = runs.get(0).get(60, TimeUnit.SECONDS);
      MigrateResult second = runs.get(1).get(60, TimeUnit.SECONDS);
      assertThat(first.success).isTrue();
      assertThat(second.success).isTrue();
      assertThat(first.migrationsExecuted + second.migrationsExecuted).isEqualTo(VERSIONS);
      try (Connection c = TestDatabase.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version, count(*) FROM flyway_schema_history WHERE success"
              + " GROUP BY version ORDER BY version")) {
        for (int version = 1; version <= VERSIONS; version++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(String.valueOf(version));
          assertThat(rs.getInt(2)).as("applications of version %d", version).isEqualTo(1);
        }
        assertThat(rs.next()).isFalse();
      }
      TestDatabase.execute(db, "SELECT key_hash, app_id, created_at, revoked_at FROM api_keys");
      TestDatabase.execute(db, "SELECT app_id, id, name, description, constraints, version, created_at, updated_at FROM segments");
    } finally {
      TestDatabase.drop(db);
    }
  }

  @Test
  void migratingAnUpToDateDatabaseChangesNothing() {
    AppConfig.Db db = TestDatabase.create();
    try {
      assertThat(Migrations.migrate(db).migrationsExecuted).isEqualTo(VERSIONS);
      assertThat(Migrations.migrate(db).migrationsExecuted).isZero();
    } finally {
      TestDatabase.drop(db);
    }
  }

  @Test
  void aFailingMigrationStopsTheStartWithFlywaysOwnError() {
    AppConfig.Db db = TestDatabase.create();
    try {
      // A table of that name already, of another shape: V1 cannot apply.
      TestDatabase.execute(db, "CREATE TABLE segments (unrelated int)");
      assertThatThrownBy(() -> TestServer.start(c -> c.withDb(db)).close())
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("schema history");
    } finally {
      TestDatabase.drop(db);
    }
  }

  private static MigrateResult awaitThenMigrate(CountDownLatch start, AppConfig.Db db) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return Migrations.migrate(db);
  }
}
