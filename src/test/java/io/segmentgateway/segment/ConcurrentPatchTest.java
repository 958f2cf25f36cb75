package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two PATCHes of different fields of one segment, sent together, never lose either change. */
@ExtendWith(VertxExtension.class)
class ConcurrentPatchTest extends ApiTest {

  private static final int ROUNDS = 200;

  private Future<HttpResponse<Buffer>> patch(JsonObject body) {
    return server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer());
  }

  @Test
  void concurrentPatchesOfNameAndDescriptionBothSurvive(VertxTestContext testContext) throws Exception {
    String id = createSegment(newSegment("start")).getString("id");
    round(id, 1, testContext);
    assertThat(testContext.awaitCompletion(120, TimeUnit.SECONDS)).isTrue();
    if (testContext.failed()) {
      throw new AssertionError(testContext.causeOfFailure());
    }
  }

  /** Both PATCHes are in flight at once; the next round starts when this one is checked. */
  private void round(String id, int n, VertxTestContext testContext) {
    if (n > ROUNDS) {
      testContext.completeNow();
      return;
    }
    Future<HttpResponse<Buffer>> name = patch(new JsonObject().put("id", id).put("name", "name " + n));
    Future<HttpResponse<Buffer>> description = patch(new JsonObject().put("id", id).put("description", "description " + n));
    Future.all(name, description)
        .compose(both -> server.as(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).send()
            .map(get -> {
              testContext.verify(() -> {
                assertThat(name.result().statusCode()).isEqualTo(200);
                assertThat(description.result().statusCode()).isEqualTo(200);
                JsonObject segment = get.bodyAsJsonObject();
                assertThat(segment.getString("name")).isEqualTo("name " + n);
                assertThat(segment.getString("description")).isEqualTo("description " + n);
                assertThat(segment.getLong("version")).isEqualTo(1 + 2L * n);
              });
              return get;
            }))
        .onSuccess(ignored -> round(id, n + 1, testContext))
        .onFailure(testContext::failNow);
  }
}
