package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.REPLAYED;
import static io.segmentgateway.segment.KeyedRequests.newKey;
import static io.segmentgateway.segment.KeyedRequests.patch;
import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static io.segmentgateway.segment.KeyedRequests.start;
import static io.segmentgateway.segment.KeyedRequests.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Keys where retries come from: PATCH batches (a retried key travels in a batch with others; a key sent
 * twice at once), a batch lost in a cut (its fate unknown to the client until it retries with its keys). The
 * database sits behind a proxy that holds or cuts it; one event loop with one statement in flight, so that
 * PATCHes sent together wait together and go as one batch.
 */
class IdempotencyFaultsTest extends ApiTest {

  private static final long HOLD_MILLIS = 300;
  private static final String SIZE = "segment_gateway_db_patch_batch_size";
  private static final String RECHECKED = "segment_gateway_idempotency_batches_rechecked_total";
  private static final String FALLBACKS = "segment_gateway_db_patch_batch_fallbacks_total";

  @Override
  protected boolean throughProxy() {
    return true;
  }

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withInstances(1)
        .withBatching(new AppConfig.Batching(true, 1, 64));
  }

  @AfterEach
  void restore() {
    proxy.delay(0);
    proxy.restore();
    TestDatabase.execute(direct(), "DROP TRIGGER IF EXISTS slow ON segments");
  }

  private static String rename(String id, String name) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}";
  }

  @Test
  void aRetriedKeyInABatchIsAnsweredFromItsRecordAndItsNeighboursApply() {
    List<String> ids = create(6);
    String retried = newKey();
    Reply first = patch(server, retried, rename(ids.get(0), "first"));
    assertThat(first.status()).isEqualTo(200);
    double batchesBefore = metrics().value(SIZE + "_count", Map.of());
    double patchesBefore = metrics().value(SIZE + "_sum", Map.of());
    double recheckedBefore = metrics().value(RECHECKED, Map.of());
    double fallbacksBefore = metrics().value(FALLBACKS, Map.of());

    proxy.delay(HOLD_MILLIS);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    // The first goes alone and is held at the proxy; the others wait for it and go together, as one batch.
    sent.add(start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", null, rename(ids.get(5), "opens")));
    Pause.sleep(HOLD_MILLIS / 3);
    sent.add(start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", retried, rename(ids.get(0), "first")));
    for (int i = 1; i < 4; i++) {
      sent.add(start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", newKey(), rename(ids.get(i), "new")));
    }
    sent.add(start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", null, rename(ids.get(4), "plain")));
    List<Reply> replies = await(sent);
    proxy.delay(0);

    assertThat(metrics().value(SIZE + "_count", Map.of()) - batchesBefore).isEqualTo(2);
    assertThat(metrics().value(SIZE + "_sum", Map.of()) - patchesBefore).isEqualTo(6);
    // The batch went unchecked, its retried key refused it as a whole, and it went once more, checked: two
    // statements, not one per member.
    assertThat(metrics().value(RECHECKED, Map.of()) - recheckedBefore).isEqualTo(1);
    assertThat(metrics().value(FALLBACKS, Map.of()) - fallbacksBefore).isEqualTo(0);
    Reply replay = replies.get(1);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header(REPLAYED)).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(version(server, ids.get(0))).isEqualTo(2);
    for (int i = 2; i < replies.size(); i++) {
      assertThat(replies.get(i).status()).as(replies.get(i).toString()).isEqualTo(200);
      assertThat(replies.get(i).header(REPLAYED)).isNull();
      assertThat(replies.get(i).json().getLong("version")).isEqualTo(2L);
    }
  }

  @Test
  void aKeySentTwiceAtOnceRunsOnceAndTheOtherIs409OrItsReplay() {
    String id = create(1).get(0);
    String key = newKey();
    proxy.delay(HOLD_MILLIS);
    Future<HttpResponse<Buffer>> one = start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key,
        rename(id, "once"));
    Future<HttpResponse<Buffer>> two = start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key,
        rename(id, "once"));
    List<Reply> replies = await(List.of(one, two));
    proxy.delay(0);

    // Usually the second finds the first still running (409); on a busy machine it may only get there once the
    // first has reached the database, and then waits for its commit and is its replay. Either way it ran once.
    Reply applied = replies.stream().filter(r -> r.status() == 200 && r.header(REPLAYED) == null).findFirst()
        .orElseThrow(() -> new AssertionError("none applied: " + replies));
    Reply other = replies.get(0) == applied ? replies.get(1) : replies.get(0);
    if (other.status() == 409) {
      assertThat(other.json().getString("type")).isEqualTo("idempotency-key-in-use");
      assertThat(other.header("Retry-After")).isEqualTo("1");
    } else {
      assertThat(other.status()).as(other.toString()).isEqualTo(200);
      assertThat(other.header(REPLAYED)).isEqualTo("true");
      assertThat(other.body()).isEqualTo(applied.body());
    }
    assertThat(version(server, id)).isEqualTo(2);
    Reply later = patch(server, key, rename(id, "once"));
    assertThat(later.header(REPLAYED)).isEqualTo("true");
    assertThat(later.body()).isEqualTo(applied.body());
  }


  @Test
  void everyMemberOfABatchLostInACutRetriedWithItsKeyGetsTheTruth() {
    List<String> ids = create(12);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      keys.add(newKey());
    }
    // Each UPDATE statement takes 1.5 s in the database; a cut does not stop one that is running, so it commits
    // while its client has already been told 503.
    TestDatabase.execute(direct(), "CREATE OR REPLACE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS"
        + " $$ BEGIN PERFORM pg_sleep(1.5); RETURN NULL; END $$");
    TestDatabase.execute(direct(), "CREATE TRIGGER slow BEFORE UPDATE ON segments FOR EACH STATEMENT"
        + " EXECUTE FUNCTION slow()");
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    // 0 alone (0 to 1.5 s), 1-7 as one batch (1.5 to 3 s), cut at 2.25 s, 8-11 queued behind that batch.
    sent.add(patchKeyed(keys.get(0), ids.get(0)));
    Pause.sleep(300);
    for (int i = 1; i < 8; i++) {
      sent.add(patchKeyed(keys.get(i), ids.get(i)));
    }
    Pause.sleep(1_500);
    for (int i = 8; i < 12; i++) {
      sent.add(patchKeyed(keys.get(i), ids.get(i)));
    }
    Pause.sleep(450);
    proxy.cut();
    List<Reply> firstAnswers = await(sent);
    Pause.until("the statements left running to end",
        () -> queryLong(server, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND state = 'active' AND query LIKE 'WITH changed%'") == 0, 10_000);
    TestDatabase.execute(direct(), "DROP TRIGGER slow ON segments");
    proxy.restore();

    int committedUnanswered = 0;
    int lost = 0;
    for (int i = 0; i < ids.size(); i++) {
      Reply first = firstAnswers.get(i);
      assertThat(first.status()).as(first.toString()).isIn(200, 503);
      boolean committed = version(server, ids.get(i)) == 2;
      Reply retry = retryUntilAnswered(keys.get(i), ids.get(i));
      assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
      assertThat(retry.json().getLong("version")).isEqualTo(2L);
      assertThat(retry.header(REPLAYED)).isEqualTo(committed ? "true" : null);
      if (first.status() == 503) {
        if (committed) {
          committedUnanswered++;
        } else {
          lost++;
        }
      }
      assertThat(version(server, ids.get(i))).isEqualTo(2);
    }
    assertThat(firstAnswers.get(0).status()).isEqualTo(200);
    assertThat(committedUnanswered).as("members answered 503 whose batch committed").isEqualTo(7);
    assertThat(lost).as("members answered 503 that never ran").isEqualTo(4);
  }

  private Future<HttpResponse<Buffer>> patchKeyed(String key, String id) {
    return start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key, rename(id, "cut " + id));
  }

  /** The same request until the service has the database back (503 meanwhile). */
  private Reply retryUntilAnswered(String key, String id) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    Reply reply;
    do {
      reply = patch(server, key, rename(id, "cut " + id));
    } while (reply.status() == 503 && System.nanoTime() < deadline);
    return reply;
  }

  private AppConfig.Db direct() {
    return KeyedRequests.direct(server);
  }

  private List<String> create(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(createSegment(newSegment("segment " + i)).getString("id"));
    }
    return ids;
  }

  private static List<Reply> await(List<Future<HttpResponse<Buffer>>> sent) {
    List<Reply> replies = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      replies.add(TestServer.await(f));
    }
    return replies;
  }

  private PrometheusText metrics() {
    return new PrometheusText(server.send(server.as(null, HttpMethod.GET, "/metrics")).body().toString());
  }
}
