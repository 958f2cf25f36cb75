package io.segmentgateway.auth;

import static io.segmentgateway.support.Pause.millisSince;
import static io.segmentgateway.support.Pause.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.MainRunner;
import io.segmentgateway.Server;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A revoked or deleted key stops working at once, not when its cache entry expires: the key cache here lives
 * 60 s, so only the notification can explain a 401 within seconds. The service reaches the database through a
 * proxy that can cut its connections; the key commands and the SQL of the tests go to the database directly.
 */
class KeyRevocationTest extends ApiTest {

  private static final int TTL_MILLIS = 60_000;
  /** Far below the TTL, far above a notification's way from a commit to the cache. */
  private static final long AT_ONCE_MILLIS = 3_000;

  private AppConfig.Db direct;
  private Map<String, String> directEnv;

  @Override
  protected boolean throughProxy() {
    return true;
  }

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withKeys(new AppConfig.Keys(TTL_MILLIS, 1000));
  }

  @BeforeAll
  void start() {
    AppConfig.Db admin = TestDatabase.admin();
    direct = server.config().db().withAddress(admin.host(), admin.port());
    directEnv = TestServer.env(direct);
  }

  @AfterEach
  void restore() {
    proxy.restore();
  }

  @Test
  void aRevokedKeyIsRefusedAtOnceNotWhenItsCacheEntryExpires() {
    Pause.until("listening", listening(server.server()), 10_000);
    String key = createKey();
    assertThat(list(key).status()).isEqualTo(200);

    long revoked = System.nanoTime();
    MainRunner.Result result = MainRunner.run(directEnv, "revoke-key", key);
    assertThat(result.exitCode()).as(result.err()).isZero();

    Reply refused = untilStatus(key, 401, AT_ONCE_MILLIS);
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
    System.out.printf("key revocation: refused %d ms after revoke-key returned%n", millisSince(revoked));
  }

  @Test
  void aDeletedKeyIsRefusedAtOnce() {
    Pause.until("listening", listening(server.server()), 10_000);
    String key = createKey();
    assertThat(list(key).status()).isEqualTo(200);

    TestDatabase.execute(direct, "DELETE FROM api_keys WHERE key_hash = '\\x" + ApiKeyCache.idOf(key) + "'");

    untilStatus(key, 401, AT_ONCE_MILLIS);
  }

  @Test
  void truncatingTheKeysRefusesEveryCachedKeyAtOnce() {
    Pause.until("listening", listening(server.server()), 10_000);
    String first = createKey();
    String second = createKey();
    assertThat(list(first).status()).isEqualTo(200);
    assertThat(list(second).status()).isEqualTo(200);

    TestDatabase.execute(direct, "TRUNCATE api_keys");

    untilStatus(first, 401, AT_ONCE_MILLIS);
    assertThat(list(second).status()).isEqualTo(401);
  }

  @Test
  void aKeyRevokedWhileTheListenerWasCutOffIsRefusedOnceItIsBack() {
    Pause.until("listening", listening(server.server()), 10_000);
    String key = createKey();
    assertThat(list(key).status()).isEqualTo(200);

    proxy.cut();
    Pause.until("the listener noticed the cut", () -> !server.server().keyRevocations().listening(), 10_000);
    assertThat(metric()).contains("segment_gateway_key_revocations_listening 0.0");
    assertThat(MainRunner.run(directEnv, "revoke-key", key).exitCode()).isZero();
    // The revocation's notification went nowhere: the cached entry still lets the key in (the database is away).
    assertThat(list(key).status()).isEqualTo(503);

    long restored = System.nanoTime();
    proxy.restore();
    untilStatus(key, 401, 15_000);
    assertThat(server.server().keyRevocations().listening()).isTrue();
    assertThat(metric()).contains("segment_gateway_key_revocations_listening 1.0");
    System.out.printf("key revocation: missed one refused %d ms after the database came back%n", millisSince(restored));
  }

  @Test
  void afterItsBackendIsTerminatedTheListenerListensAgain() {
    Pause.until("listening", listening(server.server()), 10_000);
    int before = listenerPid();
    TestDatabase.execute(direct, "SELECT pg_terminate_backend(" + before + ")");
    Pause.until("a new listening backend", () -> {
      int now = listenerPid();
      return now != 0 && now != before;
    }, 10_000);
    Pause.until("listening", listening(server.server()), 10_000);

    String key = createKey();
    assertThat(list(key).status()).isEqualTo(200);
    assertThat(MainRunner.run(directEnv, "revoke-key", key).exitCode()).isZero();
    untilStatus(key, 401, AT_ONCE_MILLIS);
  }

  @Test
  void aKeyCreatedAfterAFailedLookupOfItWorksAtOnceNotWhenTheFailureExpires() {
    Pause.until("listening", listening(server.server()), 10_000);
    String key = ApiKeys.generate();
    assertThat(list(key).status()).as("unknown: the failed lookup is cached for 60 s").isEqualTo(401);

    long created = System.nanoTime();
    TestDatabase.execute(direct, "INSERT INTO api_keys (key_hash, app_id) VALUES ('\\x" + ApiKeyCache.idOf(key)
        + "', '" + TestServer.APP_A + "')");
    Pause.until("the new key accepted", () -> list(key).status() == 200, AT_ONCE_MILLIS);
    System.out.printf("key creation: accepted %d ms after the insert committed%n", millisSince(created));
  }

  @Test
  void aListenerOnAStalledNetworkNoticesAndListensAgainOnceItAnswers() {
    Pause.until("listening", listening(server.server()), 10_000);
    long stalled = System.nanoTime();
    proxy.stall();
    Pause.until("the listener noticed the stall", () -> !server.server().keyRevocations().listening(), 15_000);
    long noticed = millisSince(stalled);
    long restored = System.nanoTime();
    proxy.restore();
    Pause.until("listening again", listening(server.server()), 15_000);
    System.out.printf("key revocations: stall noticed after %d ms, listening %d ms after the network answered%n",
        noticed, millisSince(restored));

    String key = createKey();
    assertThat(list(key).status()).isIn(200, 503);
    assertThat(MainRunner.run(directEnv, "revoke-key", key).exitCode()).isZero();
    untilStatus(key, 401, AT_ONCE_MILLIS);
    proxy.cut();
  }

  @Test
  void startUpDoesNotWaitForTheListenerWhichListensOnceTheDatabaseAnswers() throws Exception {
    try (FaultProxy down = FaultProxy.start(direct.host(), direct.port())) {
      down.cut();
      AppConfig config = server.config().withDb(direct.withAddress("127.0.0.1", down.port()));
      Server other = CompletableFuture.supplyAsync(() -> Server.listen(config)).get(10, TimeUnit.SECONDS);
      try {
        assertThat(other.keyRevocations().listening()).isFalse();

        down.restore();
        Pause.until("listening", listening(other), 15_000);
      } finally {
        other.close();
      }
    }
  }

  private static BooleanSupplier listening(Server server) {
    return () -> server.keyRevocations().listening();
  }

  private String createKey() {
    MainRunner.Result result = MainRunner.run(directEnv, "create-key", "--app", TestServer.APP_A);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out().trim();
  }

  private Reply list(String key) {
    return server.send(server.as(key, HttpMethod.GET, "/v1/segments"));
  }

  private String metric() {
    return server.send(server.as(null, HttpMethod.GET, "/metrics")).body().toString();
  }

  /** The pid of the backend that serves the service's LISTEN connection, or 0 when there is none. */
  private int listenerPid() {
    try (Connection c = TestDatabase.connect(direct);
        PreparedStatement s = c.prepareStatement(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?")) {
      s.setString(1, KeyRevocations.APPLICATION_NAME);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_stat_activity", e);
    }
  }

  /** Asks until the answer has the status, within millis; the answers on the way may be 200 or 503 only. */
  private Reply untilStatus(String key, int status, long millis) {
    long start = System.nanoTime();
    Reply reply;
    do {
      reply = list(key);
      if (reply.status() == status) {
        return reply;
      }
      assertThat(reply.status()).as("while waiting for %d: %s", status, reply).isIn(200, 503);
      sleep(20);
    } while (millisSince(start) < millis);
    throw new AssertionError("no " + status + " within " + millis + " ms; last answer: " + reply);
  }
}
