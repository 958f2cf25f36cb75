package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The evaluate endpoints take a token of the key's bucket like every /v1 call: 1 a second in bursts of 2 here. */
class EvaluateRateLimitTest extends ApiTest {

  /** Far more than the burst plus what one token a second refills while they are sent. */
  private static final int ENOUGH = 200;

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(1, 2, 1000, config.rateLimit().redis()));
  }

  @Test
  void anEvaluatingKeyOverItsRateGets429() {
    JsonObject body = new JsonObject().put("constraints", new JsonArray())
        .put("devices", new JsonArray().add(new JsonObject()));
    for (int i = 0; i < ENOUGH; i++) {
      Reply reply = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/evaluate", body);
      if (reply.status() == 429) {
        assertThat(reply.json().getString("type")).isEqualTo("rate-limited");
        assertThat(reply.header("Retry-After")).isNotNull();
        return;
      }
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("RateLimit-Policy")).isEqualTo("\"api-key\";q=1;w=1;sg-burst=2");
    }
    throw new AssertionError("no 429 after " + ENOUGH + " evaluate calls");
  }
}
