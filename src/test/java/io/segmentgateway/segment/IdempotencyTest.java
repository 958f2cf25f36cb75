package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.REPLAYED;
import static io.segmentgateway.segment.KeyedRequests.delete;
import static io.segmentgateway.segment.KeyedRequests.keyed;
import static io.segmentgateway.segment.KeyedRequests.newKey;
import static io.segmentgateway.segment.KeyedRequests.patch;
import static io.segmentgateway.segment.KeyedRequests.post;
import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static io.segmentgateway.segment.KeyedRequests.records;
import static io.segmentgateway.segment.KeyedRequests.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on POST, PATCH and DELETE: the first request runs and its record commits with its change; the
 * same request again gets the same answer, byte for byte, marked as a replay, and changes nothing; another request
 * with the key is a 422; another app never sees the record; a request that changed nothing leaves none.
 */
class IdempotencyTest extends ApiTest {

  private static final String SEGMENT = "{\"name\":\"keyed\",\"constraints\":[{\"type\":\"AND\",\"constraints\":["
      + "{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"}]}]}";

  private static String rename(String id, String name) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}";
  }

  private static void assertSameAnswer(Reply replay, Reply first) {
    assertThat(replay.status()).as(replay.toString()).isEqualTo(first.status());
    assertThat(replay.header(REPLAYED)).isEqualTo("true");
    assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
    assertThat(replay.contentType()).isEqualTo(first.contentType());
    assertThat(replay.body()).isEqualTo(first.body());
  }

  @Test
  void aRetriedCreateAnswersTheSameBytesAndCreatesOneSegment() {
    String key = newKey();
    String body = SEGMENT.replace("keyed", "created once");
    Reply first = post(server, key, body);
    Reply again = post(server, key, body);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.header(REPLAYED)).isNull();
    assertSameAnswer(again, first);
    assertThat(queryLong(server, "SELECT count(*) FROM segments WHERE name = 'created once'"))
        .isEqualTo(1);
  }

  @Test
  void aRetriedPatchAnswersTheSameBytesAndAppliesOnce() {
    String id = createSegment(newSegment("before")).getString("id");
    String key = newKey();
    Reply first = patch(server, key, rename(id, "after"));
    Reply again = patch(server, key, rename(id, "after"));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().getLong("version")).isEqualTo(2L);
    assertSameAnswer(again, first);
    assertThat(version(server, id)).isEqualTo(2);
    // Later changes do not alter what the key answers: it is the first answer, not the segment now.
    assertThat(patch(server, null, rename(id, "later")).json().getLong("version")).isEqualTo(3L);
    assertSameAnswer(patch(server, key, rename(id, "after")), first);
    assertThat(version(server, id)).isEqualTo(3);
  }

  @Test
  void aRetriedDeleteIs204AgainInsteadOf404() {
    String id = createSegment(newSegment("doomed")).getString("id");
    String key = newKey();
    Reply first = delete(server, key, id);
    Reply again = delete(server, key, id);

    assertThat(first.status()).isEqualTo(204);
    assertThat(again.status()).isEqualTo(204);
    assertThat(again.header(REPLAYED)).isEqualTo("true");
    assertThat(again.body() == null || again.body().length() == 0).isTrue();
    assertThat(delete(server, null, id).status()).isEqualTo(404);
  }

  @Test
  void warningsAndConstraintsSentOrNotAreReplayedAsFirstWritten() {
    String id = createSegment(newSegment("warned")).getString("id");
    String never = "{\"id\":\"" + id + "\",\"constraints\":[{\"type\":\"AND\",\"constraints\":["
        + "{\"field\":\"deviceModel\",\"relation\":\"EQUALS\",\"value\":\"Redmi\"},"
        + "{\"field\":\"deviceModel\",\"relation\":\"==\",\"value\":\"Galaxy \\\"S23\\\" \\u00e9\"}]}]}";
    String key = newKey();
    Reply first = patch(server, key, never);
    assertThat(first.json().getJsonArray("warnings")).hasSize(1);
    assertSameAnswer(patch(server, key, never), first);

    // Constraints not sent: the answer copies jsonb's text, and so does the replay.
    String nameOnly = newKey();
    Reply renamed = patch(server, nameOnly, rename(id, "renamed"));
    assertSameAnswer(patch(server, nameOnly, rename(id, "renamed")), renamed);
    assertThat(renamed.json().getJsonArray("constraints")).isEqualTo(first.json().getJsonArray("constraints"));
  }

  @Test
  void aRecordKeepsTheConstraintsOnlyWhenTheRequestDidNotSendThem() {
    String created = newKey();
    Reply posted = post(server, created, SEGMENT.replace("keyed", "sent once"));
    String id = posted.json().getString("id");
    String sent = newKey();
    String body = "{\"id\":\"" + id + "\",\"constraints\":[{\"type\":\"AND\",\"constraints\":["
        + "{\"field\":\"country\",\"relation\":\"EQUALS\",\"value\":\"DE\"}]}]}";
    Reply first = patch(server, sent, body);
    String notSent = newKey();
    Reply renamed = patch(server, notSent, rename(id, "renamed"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);

    // Constraints that were sent are in the retry's own body (the same bytes, by the fingerprint): not kept twice.
    assertThat(recordsWithConstraints(List.of(created, sent))).isZero();
    assertThat(recordsWithConstraints(List.of(notSent))).isEqualTo(1);
    // Made again from the retry's body, after the segment's constraints have changed: still the first answers' bytes.
    assertThat(patch(server, null, SEGMENT.replace("{\"name\":\"keyed\"", "{\"id\":\"" + id + "\""))
        .status()).isEqualTo(200);
    assertSameAnswer(post(server, created, SEGMENT.replace("keyed", "sent once")), posted);
    assertSameAnswer(patch(server, sent, body), first);
    assertSameAnswer(patch(server, notSent, rename(id, "renamed")), renamed);
  }

  private long recordsWithConstraints(List<String> keys) {
    return queryLong(server, "SELECT count(*) FROM idempotency_records WHERE constraints IS NOT NULL AND key IN ('"
        + String.join("', '", keys) + "')");
  }

  @Test
  void theReplayFollowsTheRetrysPreferAsTheFirstAnswerFollowedItsOwn() {
    String id = createSegment(newSegment("minimal")).getString("id");
    String key = newKey();
    Reply first = server.sendJson(KeyedRequests.request(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key)
        .putHeader("Prefer", "return=minimal"), rename(id, "short"));
    Reply sameAsked = server.sendJson(KeyedRequests.request(server, server.keyA(), HttpMethod.PATCH, "/v1/segments",
        key).putHeader("Prefer", "return=minimal"), rename(id, "short"));
    Reply full = patch(server, key, rename(id, "short"));

    assertThat(first.status()).isEqualTo(204);
    assertSameAnswer(sameAsked, first);
    assertThat(sameAsked.header("Preference-Applied")).isEqualTo("return=minimal");
    assertThat(full.status()).isEqualTo(200);
    assertThat(full.header(REPLAYED)).isEqualTo("true");
    assertThat(full.json().getString("name")).isEqualTo("short");
    assertThat(full.json().getLong("version")).isEqualTo(2L);
    assertThat(version(server, id)).isEqualTo(2);
  }

  @Test
  void theKeyWithAnotherBodyPathOrMethodIs422AndChangesNothing() {
    String id = createSegment(newSegment("kept")).getString("id");
    String other = createSegment(newSegment("other")).getString("id");
    String key = newKey();
    assertThat(patch(server, key, rename(id, "once")).status()).isEqualTo(200);

    Reply otherBody = patch(server, key, rename(id, "twice"));
    Reply sameJsonOtherBytes = patch(server, key, "{ \"id\":\"" + id + "\",\"name\":\"once\"}");
    Reply otherMethod = post(server, key, SEGMENT.replace("keyed", "never made"));
    Reply otherPath = delete(server, key, other);

    for (Reply reply : new Reply[] {otherBody, sameJsonOtherBytes, otherMethod, otherPath}) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.json().getString("type")).isEqualTo("idempotency-key-reused");
      assertThat(reply.header(REPLAYED)).isNull();
    }
    assertThat(version(server, id)).isEqualTo(2);
    assertThat(version(server, other)).isEqualTo(1);
    assertThat(queryLong(server, "SELECT count(*) FROM segments WHERE name = 'never made'")).isZero();
  }

  @Test
  void oneAppsKeyNeverFindsAnotherAppsRecord() {
    String key = newKey();
    Reply mine = post(server, key, SEGMENT);
    Reply theirs = keyed(server, server.keyB(), HttpMethod.POST, "/v1/segments", key, SEGMENT);
    Reply theirsAgain = keyed(server, server.keyB(), HttpMethod.POST, "/v1/segments", key, SEGMENT);

    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.header(REPLAYED)).isNull();
    assertThat(theirs.json().getString("id")).isNotEqualTo(mine.json().getString("id"));
    assertSameAnswer(theirsAgain, theirs);
    assertSameAnswer(post(server, key, SEGMENT), mine);
    // B's record is B's: another request with the key is a 422 there, and A's answer stays A's.
    assertThat(keyed(server, server.keyB(), HttpMethod.POST, "/v1/segments", key, "{\"name\":\"b\",\"constraints\":[]}")
        .status()).isEqualTo(422);
    assertSameAnswer(post(server, key, SEGMENT), mine);
  }

  @Test
  void aRequestThatChangedNothingLeavesNoRecordAndRunsAgain() {
    long before = records(server);
    String key = newKey();
    String missing = "seg_notyet" + (System.nanoTime() % 100000);
    assertThat(patch(server, key, rename(missing, "x")).status()).isEqualTo(404);
    assertThat(keyed(server, server.keyA(), HttpMethod.POST, "/v1/segments", key, "{\"name\":\"\"}").status())
        .isEqualTo(400);
    String id = createSegment(newSegment("versioned")).getString("id");
    Reply stale = server.sendJson(KeyedRequests.request(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key)
        .putHeader("If-Match", "\"7\""), rename(id, "stale"));
    assertThat(stale.status()).isEqualTo(412);
    Reply taken = post(server, key, "{\"id\":\"" + id + "\",\"name\":\"dup\",\"constraints\":[]}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().getString("type")).isEqualTo("conflict");
    assertThat(records(server)).isEqualTo(before);

    // The segment exists now: the same key and request that was a 404 runs, and only now is recorded.
    createSegment(new JsonObject(SEGMENT).put("id", missing));
    Reply now = patch(server, key, rename(missing, "x"));
    assertThat(now.status()).isEqualTo(200);
    assertThat(now.header(REPLAYED)).isNull();
    assertThat(records(server)).isEqualTo(before + 1);
  }

  @Test
  void writesWithoutAKeyLeaveNoRecord() {
    long before = records(server);
    String id = createSegment(newSegment("plain")).getString("id");
    assertThat(patch(server, null, rename(id, "plainer")).status()).isEqualTo(200);
    assertThat(delete(server, null, id).status()).isEqualTo(204);
    assertThat(records(server)).isEqualTo(before);
  }
}
