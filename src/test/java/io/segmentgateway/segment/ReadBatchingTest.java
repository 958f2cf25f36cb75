package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
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
 * Reads of one segment that arrive together share a statement: the database is held up for a moment (a proxy
 * delays the statements), so that the GETs sent meanwhile really wait together. Each still gets its own answer: its
 * row, or its 404 (missing, or another app's), and every member a 503 when the database is lost under the batch.
 */
class ReadBatchingTest extends ApiTest {

  private static final long HOLD_MILLIS = 300;
  private static final String SIZE = "segment_gateway_db_read_batch_size";

  @Override
  protected boolean throughProxy() {
    return true;
  }

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withInstances(1)
        .withReadBatching(new AppConfig.Batching(true, 1, 64));
  }

  @AfterEach
  void restore() {
    proxy.delay(0);
    proxy.restore();
  }

  @Test
  void readsSentTogetherShareAStatementAndEachGetsItsOwnSegment() {
    List<String> ids = create(server, 30);
    PrometheusText before = metrics(server);

    proxy.delay(HOLD_MILLIS);
    List<Reply> replies = await(getAll(server, server.keyA(), ids));
    proxy.delay(0);

    for (int i = 0; i < ids.size(); i++) {
      assertThat(replies.get(i).status()).as(replies.get(i).toString()).isEqualTo(200);
      assertThat(replies.get(i).json().getString("id")).isEqualTo(ids.get(i));
      assertThat(replies.get(i).header("ETag")).isEqualTo("\"1\"");
    }
    PrometheusText after = metrics(server);
    double reads = after.value(SIZE + "_sum", Map.of()) - before.value(SIZE + "_sum", Map.of());
    double batches = after.value(SIZE + "_count", Map.of()) - before.value(SIZE + "_count", Map.of());
    assertThat(reads).isEqualTo(ids.size());
    // The first goes alone, the others wait for it and go together (the client opens at most 16 connections).
    assertThat(batches).isLessThanOrEqualTo(6);
  }

  @Test
  void inABatchAMissingOrForeignSegmentIs404AndItsNeighboursAreFound() {
    List<String> ids = create(server, 4);
    String foreign = createSegment(server.keyB(), newSegment("app b's")).getString("id");
    List<String> asked = new ArrayList<>(ids);
    asked.add(1, "seg_doesNotExist");
    asked.add(3, foreign);

    proxy.delay(HOLD_MILLIS);
    List<Reply> replies = await(getAll(server, server.keyA(), asked));
    proxy.delay(0);

    for (int i = 0; i < asked.size(); i++) {
      Reply reply = replies.get(i);
      boolean found = ids.contains(asked.get(i));
      assertThat(reply.status()).as(asked.get(i) + ": " + reply).isEqualTo(found ? 200 : 404);
      if (!found) {
        assertThat(reply.json().getString("type")).isEqualTo("not-found");
        assertThat(reply.body().toString()).doesNotContain("app b");
      }
    }
  }

  @Test
  void aBatchWhoseDatabaseIsLostAnswersEveryMember503() throws Exception {
    List<String> ids = create(server, 6);
    proxy.delay(2_000);
    List<Future<HttpResponse<Buffer>>> sent = getAll(server, server.keyA(), ids);
    Thread.sleep(HOLD_MILLIS);
    proxy.cut();
    for (Reply reply : await(sent)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.header("Retry-After")).isNotBlank();
    }
  }

  @Test
  void withReadBatchingOffEachReadIsItsOwnStatement() {
    try (TestServer alone = TestServer.start(c -> c.withReadBatching(new AppConfig.Batching(false, 1, 64)))) {
      List<String> ids = create(alone, 10);
      for (Reply reply : await(getAll(alone, alone.keyA(), ids))) {
        assertThat(reply.status()).isEqualTo(200);
      }
      assertThat(metrics(alone).value(SIZE + "_count", Map.of())).isZero();
    }
  }

  private List<String> create(TestServer target, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Reply reply = target.sendJson(target.as(target.keyA(), HttpMethod.POST, "/v1/segments"), newSegment("s" + i));
      assertThat(reply.status()).isEqualTo(201);
      ids.add(reply.json().getString("id"));
    }
    return ids;
  }

  private static List<Future<HttpResponse<Buffer>>> getAll(TestServer target, String key, List<String> ids) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (String id : ids) {
      sent.add(target.as(key, HttpMethod.GET, "/v1/segments/" + id).send());
    }
    return sent;
  }

  private static List<Reply> await(List<Future<HttpResponse<Buffer>>> sent) {
    List<Reply> replies = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> f : sent) {
      replies.add(TestServer.await(f));
    }
    return replies;
  }

  private static PrometheusText metrics(TestServer target) {
    return new PrometheusText(target.send(target.as(null, HttpMethod.GET, "/metrics")).body().toString());
  }
}
