package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Statements;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.ServiceProcess;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real service process with requests in flight: readiness turns 503 at once, the instance serves on
 * through the grace with Connection: close, then refuses new connections while the requests in flight finish with
 * 200, and the process exits 0. The requests are held in flight by a proxy that delays the database by 3 s.
 */
class GracefulShutdownTest {

  private static final int GRACE_MILLIS = 1000;
  private static final int DB_DELAY_MILLIS = 3000;
  private static final int IN_FLIGHT = 4;

  @Test
  void sigtermDrainsRequestsInFlightAndExitsZero(@TempDir Path workDir) throws Exception {
    AppConfig.Db db = TestDatabase.create();
    try (FaultProxy proxy = FaultProxy.toTestDatabase();
        ServiceProcess service = ServiceProcess.start(workDir(workDir), serviceEnv(db, proxy));
        PortClient client = new PortClient(service.port(), 30_000)) {
      String key = createKey(db);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < IN_FLIGHT; i++) {
        ids.add(client.send(key, HttpMethod.POST, "/v1/segments", segment("drain " + i)).json().getString("id"));
      }
      for (int round = 0; round < 3; round++) {
        // Opens and prepares the pool's connections now, so that the delayed ones below need one round trip each.
        patchAll(client, key, ids, "warm " + round).forEach(r -> assertThat(client.await(r).status()).isEqualTo(200));
      }
      assertThat(client.get("/health/ready").status()).isEqualTo(200);

      proxy.delay(DB_DELAY_MILLIS);
      List<Future<Reply>> inFlight = patchAll(client, key, ids, "in flight");
      Thread.sleep(300);
      service.terminate();

      Reply ready = untilStatus(client, "/health/ready", 503);
      assertThat(ready.contentType()).isEqualTo("application/json");
      assertThat(ready.header("Retry-After")).isNotBlank();
      assertThat(ready.json().getString("status")).isEqualTo("DOWN");
      assertThat(ready.json().getJsonObject("checks").getBoolean("draining")).isTrue();
      assertThat(ready.header("Connection")).isEqualToIgnoringCase("close");
      Reply live = client.get("/health/live");
      assertThat(live.status()).as("the instance still serves during the grace").isEqualTo(200);
      assertThat(live.header("Connection")).isEqualToIgnoringCase("close");

      int pendingWhenRefused = untilRefused(service.port(), inFlight);
      assertThat(pendingWhenRefused).as("requests in flight when the listener closed").isPositive();
      for (Future<Reply> reply : inFlight) {
        Reply r = client.await(reply);
        assertThat(r.status()).as("a request in flight at SIGTERM: %s", r).isEqualTo(200);
        assertThat(r.json().getString("name")).isEqualTo("in flight");
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
      }
      int status = service.awaitExit(30_000);
      service.output().lines()
          .filter(line -> line.contains("Shutdown") || line.contains("PATCH") || line.contains("KeyRevocations"))
          .forEach(line -> System.out.println("drain: " + line));
      assertThat(status).as("exit status; output:%n%s", service.output()).isZero();
      assertThat(service.output()).contains("Draining", "Grace over", "exiting with status 0");
      String output = service.output();
      int stopped = output.indexOf("Stopped listening for API key revocations");
      assertThat(stopped).as("the key revocation listener closes during the drain").isPositive();
      assertThat(stopped).as("after the requests in flight, before the exit")
          .isGreaterThan(output.indexOf("Every connection is closed"))
          .isLessThan(output.indexOf("Drained in"));
    } finally {
      TestDatabase.drop(db);
    }
  }

  /** A conf/config.json for the process: two event loops, a key cache that outlives the test, generous waits. */
  private static Path workDir(Path dir) throws IOException {
    JsonObject config = new JsonObject()
        .put("http", new JsonObject().put("instances", 2))
        .put("database", new JsonObject().put("poolMaxSize", IN_FLIGHT).put("connectionTimeoutMillis", 15_000)
            .put("queryTimeoutMillis", 15_000))
        .put("apiKeys", new JsonObject().put("cacheTtlMillis", 600_000))
        .put("shutdown", new JsonObject().put("deadlineMillis", 25_000));
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf").resolve("config.json"), config.encodePrettily());
    return dir;
  }

  /** The database through the proxy; the grace from the environment, as an operator would set it. */
  private static Map<String, String> serviceEnv(AppConfig.Db db, FaultProxy proxy) {
    Map<String, String> env = TestServer.env(proxy.through(db));
    env.put("SHUTDOWN_GRACE_MILLIS", String.valueOf(GRACE_MILLIS));
    return env;
  }

  /** Straight to the database: the process has migrated it before it listened. */
  static String createKey(AppConfig.Db db) {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.createPool(vertx, AppConfig.load(TestServer.env(db)).withInstances(1));
      return ApiKeys.create(new Statements(pool, 10_000), TestServer.APP_A).await();
    } finally {
      vertx.close().await();
    }
  }

  private static JsonObject segment(String name) {
    JsonObject condition = new JsonObject().put("field", "country").put("relation", "==").put("value", "PL");
    JsonObject group = new JsonObject().put("type", "AND").put("constraints", new JsonArray().add(condition));
    return new JsonObject().put("name", name).put("constraints", new JsonArray().add(group));
  }

  private static List<Future<Reply>> patchAll(PortClient client, String key, List<String> ids, String name) {
    List<Future<Reply>> replies = new ArrayList<>();
    for (String id : ids) {
      JsonObject body = new JsonObject().put("id", id).put("name", name);
      replies.add(client.start(client.request(key, HttpMethod.PATCH, "/v1/segments"), body));
    }
    return replies;
  }

  private static Reply untilStatus(PortClient client, String uri, int status) throws InterruptedException {
    Reply reply = null;
    for (int i = 0; i < 200; i++) {
      reply = client.get(uri);
      if (reply.status() == status) {
        return reply;
      }
      Thread.sleep(25);
    }
    throw new AssertionError(uri + " never answered " + status + "; last: " + reply);
  }

  /** Polls with new connections until one is refused; returns how many requests were still pending then. */
  private static int untilRefused(int port, List<Future<Reply>> inFlight) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      } catch (ConnectException refused) {
        return (int) inFlight.stream().filter(f -> !f.isComplete()).count();
      } catch (IOException other) {
        throw new AssertionError("unexpected connect failure", other);
      }
      Thread.sleep(25);
    }
    throw new AssertionError("new connections were still accepted 10 s after SIGTERM");
  }
}
