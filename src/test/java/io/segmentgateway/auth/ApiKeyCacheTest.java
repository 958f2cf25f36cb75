package io.segmentgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
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
  private Pool pool;

  @BeforeAll
  void start() {
    db = TestDatabase.create();
    Migrations.migrate(db);
    proxy = FaultProxy.start(db.host(), db.port());
    vertx = Vertx.vertx();
    AppConfig config = AppConfig.load(TestServer.env(proxy.through(db))).withInstances(1);
    pool = Database.createPool(vertx, config);
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
    ApiKeyCache keys = new ApiKeyCache(SETTINGS, 10_000);
    String key = ApiKeys.create(pool, "app").await();
    String id = ApiKeyCache.idOf(key);

    proxy.delay(300);
    Future<String> lookup = keys.appFor(id, pool);
    keys.forget(id);
    assertThat(lookup.await()).isEqualTo("app");

    assertThat(keys.size()).as("entries after a lookup that overlapped forget()").isZero();
  }

  @Test
  void aLookupAnsweredAfterTheCacheWasClearedIsNotRemembered() {
    ApiKeyCache keys = new ApiKeyCache(SETTINGS, 10_000);
    String id = ApiKeyCache.idOf(ApiKeys.create(pool, "app").await());

    proxy.delay(300);
    Future<String> lookup = keys.appFor(id, pool);
    keys.clear();
    lookup.await();

    assertThat(keys.size()).isZero();
  }

  @Test
  void forgetDropsOnlyTheKeyItNamesAndClearDropsEveryKey() {
    ApiKeyCache keys = new ApiKeyCache(SETTINGS, 10_000);
    String first = ApiKeyCache.idOf(ApiKeys.create(pool, "app").await());
    String second = ApiKeyCache.idOf(ApiKeys.create(pool, "app").await());
    keys.appFor(first, pool).await();
    keys.appFor(second, pool).await();

    // With the database away, only what the cache holds can answer.
    proxy.cut();
    keys.forget(first);
    assertThat(keys.appFor(second, pool).await()).isEqualTo("app");
    assertThat(failed(keys.appFor(first, pool))).as("a forgotten key is looked up again").isTrue();

    keys.clear();
    assertThat(failed(keys.appFor(second, pool))).as("a cleared cache looks every key up again").isTrue();
  }

  private static boolean failed(Future<String> lookup) {
    return lookup
        .map(app -> false)
        .otherwise(true)
        .await();
  }
}
