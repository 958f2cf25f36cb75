package io.segmentgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The per-key token bucket over HTTP, on a server whose keys get 1 request a second in bursts of 3. */
class RateLimitTest extends ApiTest {

  private static final int BURST = 3;
  /** Far more requests than the burst plus what one token a second refills while they are sent. */
  private static final int ENOUGH = 200;


  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(1, BURST, 1000));
  }

  /** A key of its own for each test, so that each starts with a full bucket. */
  private String newKey() {
    return ApiKeys.create(server.server().statements(), "app-" + UUID.randomUUID().toString().substring(0, 8)).await();
  }

  private Reply list(String key) {
    return server.send(server.as(key, HttpMethod.GET, "/v1/segments"));
  }

  /** Sends until the first 429 and returns it; fails when none comes. */
  private Reply exhaust(String key) {
    for (int i = 0; i < ENOUGH; i++) {
      Reply reply = list(key);
      if (reply.status() == 429) {
        return reply;
      }
      assertThat(reply.status()).isEqualTo(200);
    }
    throw new AssertionError("no 429 after " + ENOUGH + " requests");
  }

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterAndRateLimitHeaders() {
    String key = newKey();
    for (int remaining = BURST - 1; remaining >= 0; remaining--) {
      Reply ok = list(key);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
      // A token may come back while these are sent: never fewer left than if none did.
      assertThat(Integer.parseInt(ok.header("RateLimit-Remaining"))).isBetween(remaining, BURST - 1);
      assertThat(Long.parseLong(ok.header("RateLimit-Reset"))).isBetween(1L, (long) BURST);
    }

    Reply refused = exhaust(key);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = refused.json();
    assertThat(problem.getString("type")).isEqualTo("rate-limited");
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getString("requestId")).isEqualTo(refused.header("X-Request-Id"));
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("RateLimit-Limit")).isEqualTo(String.valueOf(BURST));
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(1L, (long) BURST);
  }

  @Test
  void anotherKeyIsUnaffected() {
    exhaust(newKey());
    Reply other = list(newKey());
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
  }

  @Test
  void tokensComeBackOverTime() throws InterruptedException {
    String key = newKey();
    Reply refused = exhaust(key);
    // Retry-After is a promise: once it has passed, a token is there (waiting longer only adds tokens).
    Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000);
    assertThat(list(key).status()).isEqualTo(200);
  }

  @Test
  void probesMetricsAndTheApiDescriptionAreNeverLimited() {
    String key = newKey();
    exhaust(key);
    for (String path : new String[] {"/health/live", "/health/ready", "/metrics", "/openapi.json"}) {
      for (int i = 0; i < BURST * 5; i++) {
        Reply reply = server.send(server.as(key, HttpMethod.GET, path));
        assertThat(reply.status()).as(path).isEqualTo(200);
        assertThat(reply.header("RateLimit-Limit")).as(path).isNull();
      }
    }
  }

  @Test
  void aRequestWithoutAValidKeyIsRefusedBeforeTheLimiter() {
    Reply reply = list("sgk_" + "B".repeat(32));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("RateLimit-Limit")).isNull();
  }
}
