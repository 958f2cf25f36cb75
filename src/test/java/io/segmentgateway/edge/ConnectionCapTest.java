package io.segmentgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Beyond http.maxConnections a new connection is closed as soon as it is accepted, without a byte read, so that
 * idle or slow connections cannot pile up without bound; once connections close, new ones are served again.
 */
class ConnectionCapTest extends ApiTest {

  private static final int CAP = 24;

  @Override
  protected AppConfig configure(AppConfig config) {
    AppConfig.Edge edge = config.edge();
    return config.withEdge(new AppConfig.Edge(CAP, edge.headTimeoutMillis(), edge.bodyGraceMillis(),
        edge.bodyMinBytesPerSecond(), edge.idleTimeoutMillis(), edge.drainLingerMillis(), edge.drainQuiesceMillis()));
  }

  @Test
  void connectionsBeyondTheCapAreClosedAtOnceAndServedAgainOnceOthersClose() throws IOException {
    assertThat(send(null, HttpMethod.GET, "/health/live").status()).isEqualTo(200);
    List<Socket> held = new ArrayList<>();
    try {
      // The test client's own kept-alive connections count too: fill up to the cap, whatever they are.
      for (int i = 0; i < CAP; i++) {
        held.add(new Socket("localhost", server.server().port()));
      }
      Pause.until("the cap reached", () -> gauge() >= CAP, 10_000);
      try (Socket beyond = new Socket("localhost", server.server().port())) {
        beyond.setSoTimeout(10_000);
        assertThat(beyond.getInputStream().read()).as("a connection beyond the cap is closed").isEqualTo(-1);
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    Pause.until("connections closed", () -> gauge() < CAP / 2, 10_000);
    assertThat(send(null, HttpMethod.GET, "/health/live").status()).isEqualTo(200);
    assertThat(metrics()).contains("segment_gateway_http_connections ");
  }

  private int gauge() {
    return server.server().openConnections();
  }

  private String metrics() {
    return send(null, HttpMethod.GET, "/metrics").body().toString();
  }
}
