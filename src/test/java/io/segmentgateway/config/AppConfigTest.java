package io.segmentgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file gives defaults; PORT and the libpq variables win. */
class AppConfigTest {

  private static final JsonObject FILE = new JsonObject()
      .put("http", new JsonObject().put("port", 9000).put("instances", 3))
      .put("database", new JsonObject().put("host", "db.internal").put("port", 5433).put("database", "sg")
          .put("user", "svc").put("password", "secret").put("poolMaxSize", 4))
      .put("apiKeys", new JsonObject().put("cacheTtlMillis", 1234));

  @Test
  void theFileGivesTheDefaults() {
    AppConfig config = AppConfig.fromJson(FILE, Map.of());
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.instances()).isEqualTo(3);
    assertThat(config.db().host()).isEqualTo("db.internal");
    assertThat(config.db().port()).isEqualTo(5433);
    assertThat(config.db().database()).isEqualTo("sg");
    assertThat(config.db().user()).isEqualTo("svc");
    assertThat(config.db().password()).isEqualTo("secret");
    assertThat(config.db().poolMaxSize()).isEqualTo(4);
    assertThat(config.keys().cacheTtlMillis()).isEqualTo(1234);
  }

  @Test
  void theEnvironmentWins() {
    AppConfig config = AppConfig.fromJson(FILE, Map.of("PORT", "8081", "PGHOST", "pg", "PGPORT", "6432",
        "PGDATABASE", "other", "PGUSER", "me", "PGPASSWORD", "pw"));
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.db().host()).isEqualTo("pg");
    assertThat(config.db().port()).isEqualTo(6432);
    assertThat(config.db().database()).isEqualTo("other");
    assertThat(config.db().user()).isEqualTo("me");
    assertThat(config.db().password()).isEqualTo("pw");
  }

  @Test
  void pgHostAddrWinsOverPgHostAndEmptyVariablesAreUnset() {
    AppConfig config = AppConfig.fromJson(FILE, Map.of("PGHOST", "name", "PGHOSTADDR", "10.0.0.5", "PGUSER", ""));
    assertThat(config.db().host()).isEqualTo("10.0.0.5");
    assertThat(config.db().user()).isEqualTo("svc");
  }

  @Test
  void zeroInstancesMeansOnePerProcessor() {
    AppConfig config = AppConfig.fromJson(new JsonObject(), Map.of());
    assertThat(config.instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.port()).isEqualTo(8080);
  }

  @Test
  void aPortThatIsNotANumberIsAClearError() {
    assertThatThrownBy(() -> AppConfig.fromJson(FILE, Map.of("PORT", "eighty")))
        .hasMessageContaining("PORT");
  }

  @Test
  void idempotencyRecordsAreKept24HoursByDefaultAndARetentionOfNothingIsRefused() {
    AppConfig shipped = AppConfig.fromJson(new JsonObject(), Map.of());
    assertThat(shipped.idempotency()).isEqualTo(new AppConfig.Idempotency(24, 10_000, 1000));
    assertThat(shipped.idempotency().retentionSeconds()).isEqualTo(86_400);
    AppConfig halfAnHour = AppConfig.fromJson(new JsonObject()
        .put("idempotency", new JsonObject().put("retentionHours", 0.5)), Map.of());
    assertThat(halfAnHour.idempotency().retentionSeconds()).isEqualTo(1_800);
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject()
        .put("idempotency", new JsonObject().put("retentionHours", 0)), Map.of()))
        .hasMessageContaining("retentionHours");
  }

  @Test
  void theTransportIsIoUringByDefaultNioOnAskAndNothingElse() {
    assertThat(AppConfig.fromJson(new JsonObject(), Map.of()).transport()).isEqualTo("io_uring");
    assertThat(AppConfig.fromJson(new JsonObject(), Map.of("IO_TRANSPORT", "nio")).transport()).isEqualTo("nio");
    assertThat(AppConfig.fromJson(new JsonObject().put("io", new JsonObject().put("transport", "nio")), Map.of())
        .transport()).isEqualTo("nio");
    assertThatThrownBy(() -> AppConfig.fromJson(new JsonObject(), Map.of("IO_TRANSPORT", "epoll")))
        .hasMessageContaining("io.transport").hasMessageContaining("epoll");
  }

  @Test
  void shutdownAndProbeSettingsComeFromTheFileAndTheShutdownTimesFromTheEnvironment() {
    JsonObject file = new JsonObject()
        .put("health", new JsonObject().put("readyTimeoutMillis", 700).put("readyCacheMillis", 900))
        .put("shutdown", new JsonObject().put("graceMillis", 3000).put("deadlineMillis", 20000))
        .put("database", new JsonObject().put("queryTimeoutMillis", 2500).put("idleTimeoutMillis", 4000));
    AppConfig fromFile = AppConfig.fromJson(file, Map.of());
    assertThat(fromFile.lifecycle()).isEqualTo(new AppConfig.Lifecycle(700, 900, 3000, 20000));
    assertThat(fromFile.db().queryTimeoutMillis()).isEqualTo(2500);
    assertThat(fromFile.db().idleTimeoutMillis()).isEqualTo(4000);
    AppConfig fromEnv = AppConfig.fromJson(file, Map.of("SHUTDOWN_GRACE_MILLIS", "8000",
        "SHUTDOWN_DEADLINE_MILLIS", "45000"));
    assertThat(fromEnv.lifecycle().graceMillis()).isEqualTo(8000);
    assertThat(fromEnv.lifecycle().deadlineMillis()).isEqualTo(45000);
  }

  @Test
  void theShippedDefaultsDrainForFiveSecondsWithinThirty() {
    AppConfig.Lifecycle lifecycle = AppConfig.load(Map.of()).lifecycle();
    assertThat(lifecycle.graceMillis()).isEqualTo(5000);
    assertThat(lifecycle.deadlineMillis()).isEqualTo(30000);
    assertThat(lifecycle.readyTimeoutMillis()).isEqualTo(1000);
    assertThat(lifecycle.readyCacheMillis()).isEqualTo(1000);
  }

  @Test
  void theRateLimitComesFromTheFileAndItsRateAndBurstFromTheEnvironment() {
    JsonObject file = new JsonObject()
        .put("rateLimit", new JsonObject().put("perSecond", 50).put("burst", 80).put("maxKeys", 300));
    AppConfig.RateLimit fromFile = AppConfig.fromJson(file, Map.of()).rateLimit();
    assertThat(List.of(fromFile.perSecond(), fromFile.burst(), fromFile.maxKeys())).containsExactly(50.0, 80, 300);
    AppConfig.RateLimit fromEnv = AppConfig.fromJson(file, Map.of("RATE_LIMIT_PER_SECOND", "0.5", "RATE_LIMIT_BURST",
        "4")).rateLimit();
    assertThat(List.of(fromEnv.perSecond(), fromEnv.burst(), fromEnv.maxKeys())).containsExactly(0.5, 4, 300);
    assertThat(AppConfig.fromJson(file, Map.of("RATE_LIMIT_PER_SECOND", "0")).rateLimit().enabled()).isFalse();
    assertThatThrownBy(() -> AppConfig.fromJson(file, Map.of("RATE_LIMIT_PER_SECOND", "lots")))
        .hasMessageContaining("RATE_LIMIT_PER_SECOND");
  }

  @Test
  void theShippedRateLimitIsGenerousAndPerInstance() {
    AppConfig.RateLimit shipped = AppConfig.load(Map.of()).rateLimit();
    assertThat(List.of(shipped.perSecond(), shipped.burst(), shipped.maxKeys())).containsExactly(1000.0, 2000, 10000);
    assertThat(shipped.redis().enabled()).isFalse();
    assertThat(shipped.redis().commandTimeoutMillis()).isPositive();
  }

  @Test
  void redisUrlSharesTheLimitThroughRedis() {
    AppConfig.Redis redis = AppConfig.load(Map.of("REDIS_URL", "redis://cache.internal:6380/2")).rateLimit().redis();
    assertThat(redis.enabled()).isTrue();
    assertThat(redis.url()).isEqualTo("redis://cache.internal:6380/2");
    assertThat(AppConfig.load(Map.of("REDIS_URL", "")).rateLimit().redis().enabled()).isFalse();
    JsonObject file = new JsonObject().put("rateLimit", new JsonObject()
        .put("redis", new JsonObject().put("url", "redis://from-file:6379").put("keyPrefix", "sg:")));
    AppConfig.Redis fromFile = AppConfig.fromJson(file, Map.of()).rateLimit().redis();
    assertThat(List.of(fromFile.url(), fromFile.keyPrefix())).containsExactly("redis://from-file:6379", "sg:");
  }

  @Test
  void theShippedFileIsRead() {
    AppConfig config = AppConfig.load(Map.of());
    assertThat(config.db().connectionTimeoutMillis()).isPositive();
    assertThat(config.db().maxWaitQueueSize()).isPositive();
  }
}
