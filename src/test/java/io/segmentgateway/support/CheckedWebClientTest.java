package io.segmentgateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hook that puts openapi.json between the service and the tests: an undescribed answer fails its request. */
class CheckedWebClientTest {

  @Test
  void anAnswerTheDocumentDoesNotDescribeFailsTheRequestThatReceivedIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // Health answers as the document describes them, except that readiness says something it never says.
      HttpServer http = vertx.createHttpServer()
          .requestHandler(request -> request.response()
              .putHeader("X-Request-Id", "abc")
              .putHeader("Cache-Control", "no-store")
              .putHeader("Content-Type", "application/json")
              .end(request.path().equals("/health/live") ? "{\"status\":\"UP\"}" : "{\"status\":\"SIDEWAYS\"}"))
          .listen(0)
          .await(10, TimeUnit.SECONDS);
      WebClient client = CheckedWebClient.create(vertx, new WebClientOptions()
          .setDefaultHost("127.0.0.1")
          .setDefaultPort(http.actualPort()), new PoolOptions());

      assertThat(client.get("/health/live").send().await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> client.get("/health/ready").send().await(10, TimeUnit.SECONDS))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("GET /health/ready -> 200 (ready)")
          .hasMessageContaining("/status");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
