package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/** rateLimit.perSecond 0: keys without a limit of their own are not limited; keys with one still are. */
class DefaultLimitOffTest extends ApiTest {

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(0, 1, 1000, config.rateLimit().redis()));
  }

  private Reply list(String key) {
    return server.send(server.as(key, HttpMethod.GET, "/v1/segments"));
  }

  @Test
  void aKeyWithoutItsOwnLimitIsNeverLimitedAndGetsNoFields() {
    for (int i = 0; i < 20; i++) {
      Reply reply = list(server.keyA());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.header("RateLimit-Policy")).isNull();
      assertThat(reply.header("RateLimit")).isNull();
    }
  }

  @Test
  void aKeyWithItsOwnLimitIsStillLimited() {
    String key = ApiKeys.create(server.server().statements(), "own", Limit.of(0.001, 2)).await();
    assertThat(list(key).header("RateLimit-Policy")).isEqualTo("\"api-key\";q=1;w=1000;sg-burst=2");
    assertThat(list(key).status()).isEqualTo(200);
    assertThat(list(key).status()).isEqualTo(429);
  }
}
