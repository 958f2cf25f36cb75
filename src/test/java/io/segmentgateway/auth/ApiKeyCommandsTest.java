package io.segmentgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.MainRunner;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** create-key and revoke-key through Main, against a running server whose key cache lives 300 ms. */
class ApiKeyCommandsTest extends ApiTest {

  private static final int TTL_MILLIS = 300;

  private Map<String, String> env;

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withKeys(new AppConfig.Keys(TTL_MILLIS, 1000));
  }

  @BeforeAll
  void start() {
    env = TestServer.env(server.config().db());
  }

  private Reply listWith(String key) {
    return server.send(server.as(key, HttpMethod.GET, "/v1/segments"));
  }

  /** Asks until the answer is status, as often as it takes for a few cache lifetimes, and returns the last answer. */
  private Reply pollUntil(String key, int status) throws InterruptedException {
    Reply reply = listWith(key);
    for (int i = 0; i < 100 && reply.status() != status; i++) {
      Thread.sleep(TTL_MILLIS / 3);
      reply = listWith(key);
    }
    return reply;
  }

  @Test
  void createKeyPrintsTheKeyAloneAndItWorks() {
    MainRunner.Result result = MainRunner.run(env, "create-key", "--app", "cli-app");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).matches("sgk_[A-Za-z0-9]{32}\\R");
    assertThat(listWith(result.out().trim()).status()).isEqualTo(200);
  }

  @Test
  void aRevokedKeyIsRejectedOnceTheCacheEntryExpires() throws InterruptedException {
    String key = MainRunner.run(env, "create-key", "--app", "cli-app").out().trim();
    assertThat(listWith(key).status()).isEqualTo(200);

    MainRunner.Result revoked = MainRunner.run(env, "revoke-key", key);
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).isEmpty();

    Reply reply = pollUntil(key, 401);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void anUnknownKeyBecomesValidOnceTheNegativeEntryExpires() throws InterruptedException {
    String key = ApiKeys.generate();
    assertThat(listWith(key).status()).isEqualTo(401);
    TestDatabase.execute(server.config().db(), "INSERT INTO api_keys (key_hash, app_id) VALUES ('\\x"
        + HexFormat.of().formatHex(ApiKeys.hash(key)) + "', 'late-app')");
    assertThat(pollUntil(key, 200).status()).isEqualTo(200);
  }

  @Test
  void revokingAnUnknownOrMalformedKeyFails() {
    MainRunner.Result unknown = MainRunner.run(env, "revoke-key", ApiKeys.generate());
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no active key");

    MainRunner.Result malformed = MainRunner.run(env, "revoke-key", "nonsense");
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertThat(malformed.out()).isEmpty();
  }

  @Test
  void revokingTwiceFailsTheSecondTime() {
    String key = MainRunner.run(env, "create-key", "--app", "cli-app").out().trim();
    assertThat(MainRunner.run(env, "revoke-key", key).exitCode()).isZero();
    assertThat(MainRunner.run(env, "revoke-key", key).exitCode()).isEqualTo(1);
  }

  @Test
  void anUnknownCommandOrMissingArgumentPrintsUsageAndExits2() {
    for (String[] args : new String[][] {{"frobnicate"}, {"create-key"}, {"create-key", "--app"}, {"revoke-key"}}) {
      MainRunner.Result result = MainRunner.run(env, args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).contains("usage:");
    }
  }

  @Test
  void anInvalidAppIdIsRefused() {
    MainRunner.Result result = MainRunner.run(env, "create-key", "--app", "no spaces please");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
  }
}
