package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.Server;
import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.CheckedWebClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A service whose database does not answer: not ready, still live, and 503 with Retry-After for the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableDatabaseTest {

  private Server server;
  private WebClient client;
  private int deadPort;

  @BeforeAll
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    AppConfig config = AppConfig.load(TestServer.withTransport(Map.of("PGHOST", "127.0.0.1", "PGPORT",
        String.valueOf(deadPort), "PORT", "0")));
    server = Server.listen(config);
    client = CheckedWebClient.create(server.vertx(),
        new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port()), new PoolOptions());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void readyIs503AndNamesTheDatabase() {
    Reply reply = TestServer.await(client.get("/health/ready").send());
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json()).isEqualTo(new JsonObject()
        .put("status", "DOWN")
        .put("checks", new JsonObject().put("database", "DOWN").put("draining", false)));
    assertThat(reply.header("Retry-After")).isNotBlank();
  }

  @Test
  void liveStaysUp() {
    assertThat(TestServer.await(client.get("/health/live").send()).status()).isEqualTo(200);
  }

  @Test
  void anApiRequestIs503WithRetryAfterAndNoInternals() {
    Reply reply = TestServer.await(client.get("/v1/segments")
        .putHeader("Authorization", "Bearer " + ApiKeys.generate())
        .send());
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.header("Retry-After")).isNotBlank();
    JsonObject body = reply.json();
    assertThat(body.getString("type")).isEqualTo("unavailable");
    assertThat(body.encode()).doesNotContain("Exception").doesNotContain(String.valueOf(deadPort));
  }
}
