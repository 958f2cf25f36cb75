package io.segmentgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Statements;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The key cache against a real database, reached through a proxy that can hold a lookup in flight. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyCacheTest {

  private static final AppConfig.Keys SETTINGS = new AppConfig.Keys(60_000, 1000);

  private AppConfig.Db db;
  private FaultProxy proxy;
  private Vertx vertx;
  private Statements statements;

  @BeforeAll
  void start() {
    db = TestDatabase.create();
    Migrations.migrate(db);
    proxy = FaultProxy.start(db.host(), db.port());
    vertx = Vertx.vertx();
    AppConfig config = AppConfig.load(TestServer.env(proxy.through(db))).withInstances(1);
    statements = new Statements(Database.createPool(vertx, config), 10_000);
  }

  @AfterEach
  void restore() {
    proxy.restore();
  }

  @AfterAll
  void stop() {
    vertx.close().await();
    proxy.close();
    TestDatabase.drop(db);
  }

  @Test
  void aLookupAnsweredAfterItsKeyWasForgottenIsUsedButNotRemembered() {
    ApiKeyCache keys = new ApiKeyCache(SETTINGS);
    String key = ApiKeys.create(statements, "app").await();
    String id = ApiKeyCache.idOf(key);

    proxy.delay(300);
    Future<ApiKey> lookup = keys.find(id, statements);
    keys.forget(id);
    assertThat(lookup.await().appId()).isEqualTo("app");

    assertThat(keys.size()).as("entries after a lookup that overlapped forget()").isZero();
  }

  @Test
  void aLookupAnsweredAfterTheCacheWasClearedIsNotRemembered() {
    ApiKeyCache keys = new ApiKeyCache(SETTINGS);
    String id = ApiKeyCache.idOf(ApiKeys.create(statements, "app").await());

    proxy.delay(300);
    Future<ApiKey> lookup = keys.find(id, statements);
    keys.clear();
    lookup.await();

    assertThat(keys.size()).isZero();
  }

  @Test
  void forgetDropsOnlyTheKeyItNamesAndClearDropsEveryKey() {
    ApiKeyCache keys = new ApiKeyCache(SETTINGS);
    String first = ApiKeyCache.idOf(ApiKeys.create(statements, "app").await());
    String second = ApiKeyCache.idOf(ApiKeys.create(statements, "app").await());
    keys.find(first, statements).await();
    keys.find(second, statements).await();

    // With the database away, only what the cache holds can answer.
    proxy.cut();
    keys.forget(first);
    assertThat(keys.find(second, statements).await().appId()).isEqualTo("app");
    assertThat(failed(keys.find(first, statements))).as("a forgotten key is looked up again").isTrue();

    keys.clear();
    assertThat(failed(keys.find(second, statements))).as("a cleared cache looks every key up again").isTrue();
  }

  private static boolean failed(Future<ApiKey> lookup) {
    return lookup
        .map(app -> false)
        .otherwise(true)
        .await();
  }
}
