package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PATCHes that arrive while another PATCH statement runs share one statement and one commit. The database sits
 * behind a proxy that holds each statement for a while, on one event loop with one statement in flight, so that
 * the PATCHes sent together really wait together and go as one batch. Each member gets its own answer: its own
 * row, its own 404 or 412, its own 400 when its value is refused, and every member a 503 when the database is
 * lost under the batch.
 */
class PatchBatchingTest extends ApiTest {

  private static final long HOLD_MILLIS = 300;
  private static final String SIZE = "segment_gateway_db_patch_batch_size";
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
  }

  @Test
  void patchesSentTogetherShareAStatementAndEachGetsItsOwnRow() {
    List<String> ids = create(30);
    double batchesBefore = metrics().value(SIZE + "_count", Map.of());
    double patchesBefore = metrics().value(SIZE + "_sum", Map.of());

    proxy.delay(HOLD_MILLIS);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (String id : ids) {
      sent.add(patch(server.keyA(), new JsonObject().put("id", id).put("name", "renamed " + id), null));
    }
    List<Reply> replies = await(sent);
    proxy.delay(0);

    for (int i = 0; i < ids.size(); i++) {
      Reply reply = replies.get(i);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      assertThat(reply.json().getString("id")).isEqualTo(ids.get(i));
      assertThat(reply.json().getString("name")).isEqualTo("renamed " + ids.get(i));
      assertThat(reply.json().getLong("version")).isEqualTo(2L);
      assertThat(reply.header("ETag")).isEqualTo("\"2\"");
      assertThat(get(ids.get(i)).json().getString("name")).isEqualTo("renamed " + ids.get(i));
    }
    double batches = metrics().value(SIZE + "_count", Map.of()) - batchesBefore;
    double patches = metrics().value(SIZE + "_sum", Map.of()) - patchesBefore;
    assertThat(patches).isEqualTo(ids.size());
    // The first goes alone; the others wait for it and go together (a few waves: the client opens at most
    // 16 connections). One statement per PATCH would be 30.
    assertThat(batches).isLessThanOrEqualTo(6);
  }

  @Test
  void aMemberTheDatabaseRefusesFailsAloneAndItsNeighboursApply() throws InterruptedException {
    List<String> ids = create(8);
    // The database refuses a row by its value (a rule of its own, here a trigger): the whole statement fails.
    server.server().pool().query("CREATE FUNCTION refuse_name() RETURNS trigger LANGUAGE plpgsql AS $$"
        + " BEGIN IF NEW.name = 'refuse me' THEN"
        + " RAISE EXCEPTION 'refused' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$").execute().await();
    server.server().pool().query("CREATE TRIGGER refuse_name BEFORE UPDATE ON segments"
        + " FOR EACH ROW EXECUTE FUNCTION refuse_name()").execute().await();
    double fallbacksBefore = metrics().value(FALLBACKS, Map.of());

    proxy.delay(HOLD_MILLIS);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(0)).put("name", "first"), null));
    // The first is held at the proxy by now, so the others wait for it and go together as one batch.
    Thread.sleep(HOLD_MILLIS / 3);
    for (int i = 1; i < ids.size(); i++) {
      String name = i == 4 ? "refuse me" : "good " + i;
      sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(i)).put("name", name), null));
    }
    List<Reply> replies = await(sent);
    proxy.delay(0);
    server.server().pool().query("DROP TRIGGER refuse_name ON segments").execute().await();

    assertThat(metrics().value(FALLBACKS, Map.of()) - fallbacksBefore).isEqualTo(1);
    for (int i = 0; i < ids.size(); i++) {
      Reply reply = replies.get(i);
      if (i == 4) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(get(ids.get(i)).json().getLong("version")).isEqualTo(1L);
      } else {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getLong("version")).isEqualTo(2L);
        assertThat(get(ids.get(i)).json().getString("name")).isEqualTo(i == 0 ? "first" : "good " + i);
      }
    }
  }

  @Test
  void inABatchAWrongIfMatchIs412AndAMissingOrForeignSegmentIs404() {
    List<String> ids = create(4);
    String foreign = createAs(server.keyB(), "app b's");

    proxy.delay(HOLD_MILLIS);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(0)).put("name", "opens"), null));
    sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(1)).put("name", "stale"), "\"7\""));
    sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(2)).put("name", "current"), "\"1\""));
    sent.add(patch(server.keyA(), new JsonObject().put("id", "seg_doesnotexist1").put("name", "x"), null));
    sent.add(patch(server.keyA(), new JsonObject().put("id", foreign).put("name", "stolen"), null));
    sent.add(patch(server.keyA(), new JsonObject().put("id", ids.get(3)).put("name", "plain"), null));
    List<Reply> replies = await(sent);
    proxy.delay(0);

    assertThat(replies.get(0).status()).isEqualTo(200);
    assertThat(replies.get(1).status()).isEqualTo(412);
    assertThat(replies.get(1).contentType()).isEqualTo("application/problem+json");
    assertThat(get(ids.get(1)).json().getString("name")).isEqualTo("segment 1");
    assertThat(replies.get(2).status()).isEqualTo(200);
    assertThat(replies.get(2).json().getString("name")).isEqualTo("current");
    assertThat(replies.get(3).status()).isEqualTo(404);
    assertThat(replies.get(4).status()).isEqualTo(404);
    assertThat(server.send(server.as(server.keyB(), HttpMethod.GET, "/v1/segments/" + foreign)).json()
        .getString("name")).isEqualTo("app b's");
    assertThat(replies.get(5).status()).isEqualTo(200);
  }

  @Test
  void patchesOfOneSegmentSentTogetherAllApplyOneAfterAnother() {
    String id = create(1).get(0);

    proxy.delay(HOLD_MILLIS / 3);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonObject body = new JsonObject().put("id", id);
      body.put(i % 2 == 0 ? "name" : "description", "change " + i);
      sent.add(patch(server.keyA(), body, null));
    }
    List<Reply> replies = await(sent);
    proxy.delay(0);

    Set<Long> versions = new HashSet<>();
    for (Reply reply : replies) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      versions.add(reply.json().getLong("version"));
    }
    assertThat(versions).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L);
    JsonObject segment = get(id).json();
    assertThat(segment.getLong("version")).isEqualTo(7L);
    assertThat(segment.getString("name")).isEqualTo("change 4");
    assertThat(segment.getString("description")).isEqualTo("change 5");
  }

  @Test
  void aBatchWhoseDatabaseIsLostAnswersEveryMember503AndTheNextBatchesWork() throws Exception {
    List<String> ids = create(6);

    proxy.delay(2_000);
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (String id : ids) {
      sent.add(patch(server.keyA(), new JsonObject().put("id", id).put("name", "lost"), null));
    }
    Thread.sleep(HOLD_MILLIS);
    proxy.cut();
    List<Reply> replies = await(sent);
    for (Reply reply : replies) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.header("Retry-After")).isNotBlank();
    }
    proxy.restore();

    long deadline = System.nanoTime() + 20_000_000_000L;
    Reply after;
    do {
      after = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments"),
          new JsonObject().put("id", ids.get(0)).put("name", "back"));
    } while (after.status() == 503 && System.nanoTime() < deadline);
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
  }

  @Test
  void patchesBeyondTheWaitingBoundAre503AtOnceAndTheOthersApply() {
    // database.maxWaitQueueSize 4 on one event loop: one statement in flight, four PATCHes waiting.
    try (TestServer small = TestServer.start(c -> c.withInstances(1)
        .withDb(proxy.through(c.db()).withPool(4, 4))
        .withBatching(new AppConfig.Batching(true, 1, 64)))) {
      TestServer main = server;
      server = small;
      try {
        List<String> ids = create(11);
        proxy.delay(HOLD_MILLIS);
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (String id : ids) {
          sent.add(patch(server.keyA(), new JsonObject().put("id", id).put("name", "crowded"), null));
        }
        List<Reply> replies = await(sent);
        proxy.delay(0);
        int applied = 0;
        for (Reply reply : replies) {
          assertThat(reply.status()).as(reply.toString()).isIn(200, 503);
          if (reply.status() == 503) {
            assertThat(reply.header("Retry-After")).isNotBlank();
            assertThat(reply.contentType()).isEqualTo("application/problem+json");
          } else {
            applied++;
          }
        }
        assertThat(applied).isEqualTo(5);
      } finally {
        server = main;
      }
    }
  }

  private List<String> create(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(createAs(server.keyA(), "segment " + i));
    }
    return ids;
  }

  private String createAs(String key, String name) {
    JsonObject body = new JsonObject().put("name", name)
        .put("constraints", new JsonArray().add(new JsonObject().put("type", "AND").put("constraints",
            new JsonArray().add(new JsonObject().put("field", "country").put("relation", "==").put("value", "PL")))));
    Reply reply = server.sendJson(server.as(key, HttpMethod.POST, "/v1/segments"), body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getString("id");
  }

  private Future<HttpResponse<Buffer>> patch(String key, JsonObject body, String ifMatch) {
    var request = server.as(key, HttpMethod.PATCH, "/v1/segments").putHeader("Content-Type", "application/json");
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return request.sendBuffer(body.toBuffer());
  }

  private Reply get(String id) {
    return server.send(server.as(server.keyA(), HttpMethod.GET, "/v1/segments/" + id));
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
