package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PATCH /v1/segments: partial updates, versions, errors, and the seed's own examples (If-Match: IfMatchPatchTest). */
class PatchTest extends ApiTest {

  private Reply patch(JsonObject body) {
    return sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", body);
  }

  private JsonObject fetch(String id) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json();
  }

  private JsonObject created() {
    return createSegment(newSegment("Original").put("description", "first description"));
  }

  @Test
  void patchingOnlyTheNameLeavesDescriptionAndConstraintsUnchanged() {
    JsonObject before = created();
    Reply reply = patch(new JsonObject().put("id", before.getString("id")).put("name", "Renamed"));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject after = reply.json();
    assertThat(after.getString("name")).isEqualTo("Renamed");
    assertThat(after.getString("description")).isEqualTo("first description");
    assertThat(after.getJsonArray("constraints")).isEqualTo(before.getJsonArray("constraints"));
    assertThat(fetch(before.getString("id"))).isEqualTo(after);
  }

  @Test
  void patchingOnlyTheDescriptionLeavesNameAndConstraintsUnchanged() {
    JsonObject before = created();
    JsonObject after = patch(new JsonObject().put("id", before.getString("id")).put("description", "second")).json();
    assertThat(after.getString("description")).isEqualTo("second");
    assertThat(after.getString("name")).isEqualTo("Original");
    assertThat(after.getJsonArray("constraints")).isEqualTo(before.getJsonArray("constraints"));
  }

  @Test
  void anEmptyDescriptionClearsIt() {
    JsonObject before = created();
    JsonObject after = patch(new JsonObject().put("id", before.getString("id")).put("description", "")).json();
    assertThat(after.getString("description")).isEmpty();
    assertThat(fetch(before.getString("id")).getString("description")).isEmpty();
  }

  @Test
  void patchingOnlyConstraintsReplacesTheWholeArrayAndNothingElse() {
    JsonObject before = created();
    JsonArray constraints = new JsonArray()
        .add(group("OR", condition("type", "==", "phone"), condition("type", "==", "tablet")))
        .add(group("AND", condition("sessionCount", ">", 3)));
    JsonObject after = patch(new JsonObject().put("id", before.getString("id")).put("constraints", constraints)).json();
    assertThat(after.getJsonArray("constraints")).isEqualTo(constraints);
    assertThat(after.getString("name")).isEqualTo("Original");
    assertThat(after.getString("description")).isEqualTo("first description");
  }

  @Test
  void everyPatchIncrementsTheVersionAndTheEtag() {
    JsonObject before = created();
    assertThat(before.getLong("version")).isEqualTo(1);
    Reply first = patch(new JsonObject().put("id", before.getString("id")).put("name", "two"));
    Reply second = patch(new JsonObject().put("id", before.getString("id")).put("name", "three"));
    assertThat(first.json().getLong("version")).isEqualTo(2);
    assertThat(first.header("ETag")).isEqualTo("\"2\"");
    assertThat(second.json().getLong("version")).isEqualTo(3);
    assertThat(second.header("ETag")).isEqualTo("\"3\"");
    assertThat(second.json().getLong("createdAt")).isEqualTo(before.getLong("createdAt"));
    assertThat(second.json().getLong("updatedAt")).isGreaterThanOrEqualTo(before.getLong("updatedAt"));
  }

  /**
   * Two changes at one instant (here: one transaction, where now() stands still) still get later updatedAt
   * values, so that updatedAt orders the versions as the clock alone cannot.
   */
  @Test
  void updatedAtGrowsWithEveryVersionEvenAtOneInstant() {
    JsonObject segment = created();
    Tuple values = Tuple.of(TestServer.APP_A, segment.getString("id"), "same instant", null, null, null);
    List<OffsetDateTime> stamps = server.server().pool()
        .withTransaction(conn -> conn.preparedQuery(SegmentRepository.UPDATE).execute(values)
            .compose(first -> conn.preparedQuery(SegmentRepository.UPDATE).execute(values)
                .map(second -> List.of(first.iterator().next().getOffsetDateTime(6),
                    second.iterator().next().getOffsetDateTime(6)))))
        .await();
    assertThat(stamps.get(1)).isAfter(stamps.get(0));
    JsonObject after = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + segment.getString("id")).json();
    assertThat(after.getLong("updatedAt")).isGreaterThan(segment.getLong("updatedAt"));
  }

  @Test
  void patchingAnotherAppsSegmentIs404AndChangesNothing() {
    JsonObject theirs = createSegment(server.keyB(), newSegment("Theirs"));
    Reply reply = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments",
        new JsonObject().put("id", theirs.getString("id")).put("name", "Mine now"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().getString("type")).isEqualTo("not-found");
    assertThat(send(server.keyB(), HttpMethod.GET, "/v1/segments/" + theirs.getString("id")).json()).isEqualTo(theirs);
  }

  @Test
  void aNullMemberIs400() {
    JsonObject before = created();
    Reply reply = patch(new JsonObject().put("id", before.getString("id")).putNull("description"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("validation");
    assertThat(pointers(reply)).contains("/description");
  }

  @Test
  void aBodyWithOnlyTheIdIs400() {
    JsonObject before = created();
    Reply reply = patch(new JsonObject().put("id", before.getString("id")));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(pointers(reply)).contains("");
  }

  @Test
  void aMissingIdIsPointedAtWhereItWouldBe() {
    Reply reply = patch(new JsonObject().put("name", "x"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(pointers(reply)).contains("/id");
  }

  @Test
  void everyProblemOfTheBodyIsReportedAtOnce() {
    JsonObject before = created();
    JsonObject big = group("AND");
    for (int i = 0; i < 11; i++) {
      big.getJsonArray("constraints").add(condition("appVersionCode", "==", i));
    }
    JsonObject body = new JsonObject()
        .put("id", before.getString("id"))
        .put("constraints", new JsonArray().add(big).add(group("AND", condition("country", ">", "PL"))));
    Reply reply = patch(body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getString("type")).isEqualTo("validation");
    assertThat(pointers(reply)).contains("/constraints/0/constraints", "/constraints/1/constraints/0/relation");
    for (Object e : problem.getJsonArray("errors")) {
      assertThat(((JsonObject) e).getString("message")).isNotBlank();
    }
    assertThat(fetch(before.getString("id"))).isEqualTo(before);
  }

  @Test
  void aliasesAreStoredAndReturnedCanonical() {
    JsonObject before = created();
    JsonArray sent = new JsonArray().add(group("AND",
        condition("osVersion", "EQUALS", "13"),
        condition("sessionCount", "gte", 2),
        new JsonObject().put("field", "pushToken").put("relation", "EXISTS")));
    JsonObject after = patch(new JsonObject().put("id", before.getString("id")).put("constraints", sent)).json();
    JsonArray expected = new JsonArray().add(group("AND",
        condition("osVersion", "==", "13"),
        condition("sessionCount", ">=", 2),
        condition("pushToken", "exists", true)));
    assertThat(after.getJsonArray("constraints")).isEqualTo(expected);
    assertThat(fetch(before.getString("id")).getJsonArray("constraints")).isEqualTo(expected);
    // The documented key order, although jsonb keeps its own.
    JsonObject first = fetch(before.getString("id")).getJsonArray("constraints").getJsonObject(0);
    assertThat(first.fieldNames()).containsExactly("type", "constraints");
    assertThat(first.getJsonArray("constraints").getJsonObject(0).fieldNames()).containsExactly("field", "relation", "value");
  }

  @Test
  void theSeedsFirstExampleIsAccepted() {
    JsonObject before = created();
    JsonArray seed = new JsonArray(SeedExamples.FIRST);
    Reply reply = patch(new JsonObject().put("id", before.getString("id")).put("constraints", seed));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("constraints")).isEqualTo(seed);
    assertThat(reply.json().containsKey("warnings")).isFalse();
  }

  @Test
  void theSeedsSecondExampleIsAcceptedWithAWarningPerUnsatisfiableGroup() {
    JsonObject before = created();
    Reply reply = patch(new JsonObject().put("id", before.getString("id")).put("constraints", new JsonArray(SeedExamples.SECOND)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonArray warnings = reply.json().getJsonArray("warnings");
    assertThat(warnings).isNotNull();
    List<String> where = warnings.stream().map(w -> ((JsonObject) w).getString("pointer")).toList();
    assertThat(where).contains("/constraints/0", "/constraints/1");
    assertThat(fetch(before.getString("id")).containsKey("warnings")).isFalse();
  }

  @Test
  void theSeedsAliasExampleIsStoredCanonical() {
    JsonObject before = created();
    Reply reply = patch(new JsonObject().put("id", before.getString("id")).put("constraints", new JsonArray(SeedExamples.WITH_ALIAS)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject osVersion = reply.json().getJsonArray("constraints").getJsonObject(1).getJsonArray("constraints").getJsonObject(0);
    assertThat(osVersion).isEqualTo(condition("osVersion", "==", "13"));
  }

  @Test
  void theNameIsStoredTrimmed() {
    JsonObject before = created();
    assertThat(patch(new JsonObject().put("id", before.getString("id")).put("name", "  Spaced  ")).json().getString("name"))
        .isEqualTo("Spaced");
  }

  static List<String> pointers(Reply reply) {
    return reply.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
  }
}
