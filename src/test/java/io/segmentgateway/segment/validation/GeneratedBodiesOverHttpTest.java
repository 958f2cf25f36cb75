package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Seeded bad input through HTTP: at least 100,000 PATCH and POST bodies, generated and then broken (GeneratedBody:
 * wrong types at every level, unknown keys, bad enums, numbers out of range, duplicate keys, invalid UTF-8, lone
 * surrogates, deep nesting, truncation, trailing bytes), over keep-alive connections, with valid PATCHes in
 * between. No answer is a 5xx or missing; every refusal is a problem whose pointers resolve in the document sent;
 * and afterwards every segment is exactly as the last accepted change left it, and no refused POST added a row.
 * -Dhttp.fuzz.seed=N replays a run; -Dhttp.fuzz.bodies=N changes the count.
 */
class GeneratedBodiesOverHttpTest extends ApiTest {

  private static final int BODIES = Integer.getInteger("http.fuzz.bodies", 100_000);
  private static final int LANES = 48;
  private static final long BUDGET_MILLIS = 150_000;

  private final Map<String, JsonObject> expected = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong generationNanos = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong bodyBytes = new java.util.concurrent.atomic.AtomicLong();
  private final AtomicLong answerNanos = new AtomicLong();
  private long deadline;

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withRateLimit(new AppConfig.RateLimit(0, 1, 1, config.rateLimit().redis()));
  }

  @Test
  void mutatedBodiesAreProblemsWithResolvablePointersAndChangeNoRow() throws Exception {
    long seed = Long.getLong("http.fuzz.seed", System.nanoTime());
    System.out.printf("generated bodies over HTTP: seed %d (-Dhttp.fuzz.seed=%d replays it)%n", seed, seed);
    List<String> ids = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      JsonObject segment = createSegment(newSegment("lane " + lane));
      ids.add(segment.getString("id"));
      expected.put(segment.getString("id"), segment);
    }
    long start = System.nanoTime();
    deadline = start + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(server.server().port()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
      List<Future<Void>> lanes = new ArrayList<>();
      for (int lane = 0; lane < LANES; lane++) {
        Promise<Void> done = Promise.promise();
        int index = lane;
        vertx.runOnContext(v -> next(client, new Random(seed + index), ids.get(index), done));
        lanes.add(done.future());
      }
      Future.all(lanes).await(BUDGET_MILLIS + 60_000, TimeUnit.MILLISECONDS);
    } finally {
      vertx.close().await();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("generated bodies over HTTP: %d sent in %d ms (%d ms generating them), seed %d, statuses %s%n",
        sent.get(), millis, generationNanos.get() / 1_000_000, seed, new TreeMap<>(statuses));
    System.out.printf("generated bodies over HTTP: mean body %d bytes, mean answer %.2f ms%n",
        bodyBytes.get() / Math.max(1, sent.get()), answerNanos.get() / 1e6 / Math.max(1, sent.get()));
    assertThat(failures).as("failures (seed %d)", seed).isEmpty();
    assertThat(sent.get()).as("bodies sent within %d ms", BUDGET_MILLIS).isGreaterThanOrEqualTo(BODIES);
    for (String id : ids) {
      JsonObject stored = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json();
      JsonObject last = expected.get(id).copy();
      last.remove("warnings");
      assertThat(stored).as("segment %s as its last accepted change left it", id).isEqualTo(last);
    }
    assertThat(rows()).as("rows: the lanes' and those of the POSTs answered 201").isEqualTo(LANES + created.get());
  }

  private long rows() throws java.sql.SQLException {
    try (java.sql.Connection c = TestDatabase.connect(server.config().db());
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM segments")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** One lane: one request at a time on its own segment, so that the expected state follows its answers. */
  private void next(WebClient client, Random random, String id, Promise<Void> done) {
    int n = sent.incrementAndGet();
    if (n > BODIES || System.nanoTime() - deadline > 0 || failures.size() > 10) {
      sent.decrementAndGet();
      done.complete();
      return;
    }
    long generating = System.nanoTime();
    GeneratedBody body = GeneratedBody.next(random, id);
    generationNanos.addAndGet(System.nanoTime() - generating);
    bodyBytes.addAndGet(body.bytes().length);
    long sending = System.nanoTime();
    client.request(body.post() ? HttpMethod.POST : HttpMethod.PATCH, "/v1/segments")
        .putHeader("Authorization", "Bearer " + server.keyA())
        .putHeader("Content-Type", "application/json")
        .timeout(10_000)
        .sendBuffer(Buffer.buffer(body.bytes()))
        .onComplete(ar -> {
          answerNanos.addAndGet(System.nanoTime() - sending);
          if (ar.failed()) {
            failures.add("no answer to " + body + ": " + ar.cause());
          } else {
            judge(body, id, ar.result());
          }
          next(client, random, id, done);
        });
  }

  private void judge(GeneratedBody body, String id, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    if (status >= 500) {
      failures.add(status + " to " + body + ": " + response.bodyAsString());
      return;
    }
    if (status == 201) {
      created.incrementAndGet();
      return;
    }
    if (status == 200) {
      JsonObject segment = response.bodyAsJsonObject();
      if (!expected.containsKey(segment.getString("id"))) {
        // A broken PATCH whose id became one that a POST of the run created (seg_abc): not a lane's segment.
        return;
      }
      JsonObject before = expected.get(id);
      String sentName = body.valid() ? new JsonObject(Buffer.buffer(body.bytes())).getString("name") : null;
      if (!id.equals(segment.getString("id")) || segment.getLong("version") != before.getLong("version") + 1
          || (sentName != null && !sentName.equals(segment.getString("name")))) {
        failures.add("200 that does not follow the segment's last state: " + segment + " after " + before);
      }
      expected.put(id, segment);
      return;
    }
    if (body.valid()) {
      failures.add("a valid PATCH refused: " + status + " " + response.bodyAsString() + " to " + body);
      return;
    }
    String problem = ProblemPointers.check(response, body.bytes());
    if (problem != null) {
      failures.add(problem + " to " + body);
    }
  }
}
