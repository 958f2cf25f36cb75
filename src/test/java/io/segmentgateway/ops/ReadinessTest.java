package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness probe: what it says, that probes share one database check, and what draining does to it. */
class ReadinessTest {

  private static final JsonObject READY = new JsonObject()
      .put("status", "UP")
      .put("checks", new JsonObject().put("database", "UP").put("draining", false));

  @Test
  void readyNamesEveryCheckAsJson() {
    try (TestServer server = TestServer.start();
        PortClient client = new PortClient(server.server().port(), 10_000)) {
      Reply reply = client.get("/health/ready");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.contentType()).isEqualTo("application/json");
      assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
      assertThat(reply.json()).isEqualTo(READY);
    }
  }

  @Test
  void concurrentProbesShareOneDatabaseCheck() throws InterruptedException {
    try (FaultProxy proxy = FaultProxy.toTestDatabase();
        TestServer server = TestServer.start(c -> c.withDb(proxy.through(c.db())));
        PortClient client = new PortClient(server.server().port(), 10_000)) {
      proxy.watch("SELECT 1");
      assertThat(client.get("/health/ready").status()).isEqualTo(200);
      assertThat(proxy.watchedCount()).as("one probe, one check").isEqualTo(1);

      long cacheMillis = server.config().lifecycle().readyCacheMillis();
      Thread.sleep(cacheMillis + 100);
      proxy.watch("SELECT 1");
      List<Future<Reply>> probes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        probes.add(client.start(client.request(null, HttpMethod.GET, "/health/ready"), null));
      }
      for (Future<Reply> probe : probes) {
        assertThat(client.await(probe).json()).isEqualTo(READY);
      }
      // Fired together, they fall within one cache period, or at most straddle two.
      assertThat(proxy.watchedCount()).as("database checks for 50 probes").isBetween(1L, 2L);
    }
  }

  @Test
  void drainingMakesReadiness503AtOnceWhileTheInstanceStillServesAndClosesConnections() {
    try (TestServer server = TestServer.start();
        PortClient client = new PortClient(server.server().port(), 10_000)) {
      assertThat(client.get("/health/ready").status()).isEqualTo(200);
      Reply before = client.get("/health/live");
      assertThat(before.header("Connection")).isNull();

      server.server().startDraining();
      Reply ready = client.get("/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.header("Retry-After")).isNotBlank();
      assertThat(ready.json()).isEqualTo(new JsonObject()
          .put("status", "DOWN")
          .put("checks", new JsonObject().put("database", "UP").put("draining", true)));
      assertThat(ready.header("Connection")).isEqualToIgnoringCase("close");
      Reply api = client.send(server.keyA(), HttpMethod.GET, "/v1/segments", null);
      assertThat(api.status()).isEqualTo(200);
      assertThat(api.header("Connection")).isEqualToIgnoringCase("close");
    }
  }
}
