package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The per-key token bucket over HTTP, per instance (no Redis), on a server whose keys get 1 request a second in bursts
 * of 3, and the fields of draft-ietf-httpapi-ratelimit-headers-11 on its answers.
 */
class RateLimitTest extends ApiTest {

  private static final int BURST = 3;
  /** Far more requests than the burst plus what one token a second refills while they are sent. */
  private static final int ENOUGH = 200;
  private static final String POLICY = "\"api-key\";q=1;w=1;sg-burst=3";
  private static final Pattern STATE = Pattern.compile("\"api-key\";r=(\\d+);t=(\\d+)");

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(1, BURST, 1000, config.rateLimit().redis()));
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

  /** r and t of the RateLimit field, which must be there and well-formed. */
  static long[] state(Reply reply) {
    String value = reply.header("RateLimit");
    assertThat(value).as("RateLimit").isNotNull();
    Matcher matcher = STATE.matcher(value);
    assertThat(matcher.matches()).as("RateLimit: " + value).isTrue();
    return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
  }

  @Test
  void aKeyOverItsBurstGets429WithRetryAfterAndTheRateLimitFields() {
    String key = newKey();
    for (int remaining = BURST - 1; remaining >= 0; remaining--) {
      Reply ok = list(key);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("RateLimit-Policy")).isEqualTo(POLICY);
      long[] state = state(ok);
      // A token may come back while these are sent: never fewer left than if none did.
      assertThat(state[0]).isBetween((long) remaining, (long) BURST - 1);
      assertThat(state[1]).as("seconds until the bucket is full again").isBetween(1L, (long) BURST);
    }

    Reply refused = exhaust(key);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = refused.json();
    assertThat(problem.getString("type")).isEqualTo("rate-limited");
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getString("requestId")).isEqualTo(refused.header("X-Request-Id"));
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("RateLimit-Policy")).isEqualTo(POLICY);
    assertThat(refused.header("RateLimit")).isEqualTo("\"api-key\";r=0;t=1");
  }

  @Test
  void theFieldsOfDraft06AreGone() {
    Reply ok = list(newKey());
    for (String old : new String[] {"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"}) {
      assertThat(ok.header(old)).as(old).isNull();
    }
  }

  @Test
  void everyAnswerPastTheKeyCarriesTheFieldsWhateverItsStatus() {
    String key = newKey();
    Reply notFound = server.send(server.as(key, HttpMethod.GET, "/v1/segments/seg_nothingHere"));
    Reply badQuery = server.send(server.as(key, HttpMethod.GET, "/v1/segments?limit=nonsense"));
    Reply badBody = server.sendJson(server.as(key, HttpMethod.PATCH, "/v1/segments"), "{\"id\": 3}");
    for (Reply reply : new Reply[] {notFound, badQuery, badBody}) {
      assertThat(reply.status()).as(reply.toString()).isBetween(400, 404);
      assertThat(reply.header("RateLimit-Policy")).as(reply.toString()).isEqualTo(POLICY);
      state(reply);
    }
  }

  @Test
  void aKeyWithItsOwnLimitIsLimitedByItAndSaysSo() {
    String key = ApiKeys.create(server.server().statements(), "own", Limit.of(0.5, 5)).await();
    Reply ok = list(key);
    assertThat(ok.header("RateLimit-Policy")).isEqualTo("\"api-key\";q=1;w=2;sg-burst=5");
    assertThat(state(ok)[0]).isEqualTo(4);
    int admitted = 1;
    while (list(key).status() == 200) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(5);
  }

  @Test
  void anotherKeyIsUnaffected() {
    exhaust(newKey());
    Reply other = list(newKey());
    assertThat(other.status()).isEqualTo(200);
    assertThat(state(other)[0]).isEqualTo(BURST - 1);
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
        assertThat(reply.header("RateLimit")).as(path).isNull();
      }
    }
  }

  @Test
  void aRequestWithoutAValidKeyIsRefusedBeforeTheLimiter() {
    Reply reply = list("sgk_" + "B".repeat(32));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("RateLimit-Policy")).isNull();
    assertThat(reply.header("RateLimit")).isNull();
  }
}
