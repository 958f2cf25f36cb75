package io.segmentgateway.ops;

import static io.segmentgateway.support.Pause.millisSince;
import static io.segmentgateway.support.Pause.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database goes away (cut) or stops answering (stall) behind a proxy: every request is answered, 503 with
 * Retry-After, within seconds; readiness says the database is DOWN; once the database is back, the same instance
 * serves again without a restart. Prints how long it took to notice and to recover.
 */
class DatabaseFaultTest extends ApiTest {

  /** Any single answer slower than this is a hang. */
  private static final long NO_HANG_MILLIS = 10_000;

  private PortClient client;
  private String segmentPath;

  @Override
  protected boolean throughProxy() {
    return true;
  }

  @BeforeAll
  void start() {
    client = new PortClient(server.server().port(), NO_HANG_MILLIS);
    JsonObject condition = new JsonObject().put("field", "country").put("relation", "==").put("value", "PL");
    JsonObject body = new JsonObject().put("name", "faults")
        .put("constraints", new JsonArray().add(new JsonObject().put("type", "AND")
            .put("constraints", new JsonArray().add(condition))));
    Reply created = client.send(server.keyA(), HttpMethod.POST, "/v1/segments", body);
    assertThat(created.status()).isEqualTo(201);
    segmentPath = "/v1/segments/" + created.json().getString("id");
  }

  /**
   * Each test starts from a healthy link: connections a stall turned into black holes are closed, so that the
   * next test does not begin by finding them one request at a time.
   */
  @AfterEach
  void restore() {
    proxy.cut();
    proxy.restore();
  }

  @AfterAll
  void stop() {
    client.close();
  }

  @Test
  void aCutDatabaseIs503WithRetryAfterAndTheInstanceRecoversWhenItReturns() throws Exception {
    measure("cut", proxy::cut);
  }

  @Test
  void aStalledDatabaseIs503WithinTheTimeoutNeverAHangAndTheInstanceRecovers() throws Exception {
    measure("stall", proxy::stall);
  }

  /** The API and readiness are watched side by side, each by its own poller, from the moment of the fault. */
  private void measure(String fault, Runnable inject) throws Exception {
    // The pool drops the connections closed after the previous test as their close events arrive.
    until(this::get, 200);
    until(this::ready, 200);

    long injected = System.nanoTime();
    inject.run();
    CompletableFuture<Seen> notReady = CompletableFuture.supplyAsync(() -> until(this::ready, 503));
    Seen unavailable = until(this::get, 503);
    Seen down = notReady.get();
    assertThat(unavailable.reply().header("Retry-After")).isNotBlank();
    assertThat(unavailable.reply().contentType()).isEqualTo("application/problem+json");
    assertThat(unavailable.reply().json().getString("type")).isEqualTo("unavailable");
    assertThat(down.reply().json().getJsonObject("checks").getString("database")).isEqualTo("DOWN");
    assertThat(down.reply().json().getJsonObject("checks").getBoolean("draining")).isFalse();
    assertThat(down.reply().header("Retry-After")).isNotBlank();
    assertThat(client.get("/health/live").status()).isEqualTo(200);

    Pause.until("the key revocation listener noticed", () -> !server.server().keyRevocations().listening(), 15_000);

    long restored = System.nanoTime();
    proxy.restore();
    CompletableFuture<Seen> ready = CompletableFuture.supplyAsync(() -> until(this::ready, 200));
    CompletableFuture<Long> listening = CompletableFuture.supplyAsync(() -> {
      Pause.until("the key revocation listener listening", server.server().keyRevocations()::listening, 30_000);
      return System.nanoTime();
    });
    Seen served = until(this::get, 200);
    Seen up = ready.get();
    long listener = listening.get();
    System.out.printf("fault timings: fault=%s notice_ms=%d ready_down_ms=%d recover_ms=%d ready_up_ms=%d"
        + " listener_ms=%d%n", fault, unavailable.millisAfter(injected), down.millisAfter(injected),
        served.millisAfter(restored), up.millisAfter(restored), (listener - restored) / 1_000_000);
  }

  private Reply get() {
    return client.send(server.keyA(), HttpMethod.GET, segmentPath, null);
  }

  private Reply ready() {
    return client.get("/health/ready");
  }

  /** An answer and when it came. */
  private record Seen(Reply reply, long atNanos) {
    long millisAfter(long nanos) {
      return (atNanos - nanos) / 1_000_000;
    }
  }

  /** Asks until the answer has the status: each answer within NO_HANG_MILLIS, all of them within 30 s. */
  private static Seen until(Supplier<Reply> ask, int status) {
    long start = System.nanoTime();
    Reply reply;
    do {
      reply = ask.get();
      if (reply.status() == status) {
        return new Seen(reply, System.nanoTime());
      }
      assertThat(reply.status()).as("while waiting for %d: %s", status, reply).isIn(200, 503);
      sleep(20);
    } while (millisSince(start) < 30_000);
    throw new AssertionError("no " + status + " within 30 s; last answer: " + reply);
  }
}
