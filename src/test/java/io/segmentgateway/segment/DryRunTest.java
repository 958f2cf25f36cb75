package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * ?dryRun=true on POST and PATCH: every check of the real request, the segment as it would be stored, and not one
 * row, version or key record written (the tables, xmin and ctid included, are the same before and after).
 */
class DryRunTest extends ApiTest {

  private static final String SEED_EXPRESSION =
      "(deviceManufacturer == \"Xiaomi\" AND deviceModel == \"Redmi Note XXXXX\") AND (osVersion == \"13\")";

  private Reply post(String query, JsonObject body) {
    return sendJson(server.keyA(), HttpMethod.POST, "/v1/segments" + query, body);
  }

  private Reply patch(String query, JsonObject body) {
    return sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments" + query, body);
  }

  private Reply patchIfMatch(JsonObject body, String ifMatch) {
    return server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments?dryRun=true")
        .putHeader("If-Match", ifMatch), body);
  }

  /** The reply of the request, after checking that the tables are exactly as they were before it. */
  private Reply writingNothing(Supplier<Reply> request) {
    List<String> before = TableSnapshot.of(server.config().db());
    Reply reply = request.get();
    assertThat(TableSnapshot.of(server.config().db())).as("the tables after " + reply).isEqualTo(before);
    return reply;
  }

  private static JsonObject seedSegment(String name) {
    return new JsonObject().put("name", name).put("constraints", new JsonArray(SeedExamples.WITH_ALIAS));
  }

  @Test
  void aPostDryRunWithoutAnIdAnswersTheSegmentAsItWouldBeStoredWithoutAnId() {
    Reply reply = writingNothing(() -> post("?dryRun=true", seedSegment("  Xiaomi phones  ")
        .put("description", "preview")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.header("Location")).isNull();
    assertThat(reply.header("ETag")).isNull();
    JsonObject body = reply.json();
    assertThat(body.fieldNames())
        .containsExactly("name", "description", "constraints", "version", "createdAt", "updatedAt", "expression");
    assertThat(body.getString("name")).isEqualTo("Xiaomi phones");
    assertThat(body.getString("description")).isEqualTo("preview");
    assertThat(body.getLong("version")).isEqualTo(1);
    assertThat(body.getLong("createdAt")).isEqualTo(body.getLong("updatedAt")).isPositive();
    assertThat(body.getString("expression")).isEqualTo(SEED_EXPRESSION);
    JsonObject real = createSegment(seedSegment("Xiaomi phones").put("description", "preview"));
    assertThat(body.getJsonArray("constraints")).isEqualTo(real.getJsonArray("constraints"));
  }

  @Test
  void aPostDryRunWithAFreeIdAnswersItAndCreatesNothing() {
    Reply reply = writingNothing(() -> post("?dryRun=true", seedSegment("chosen").put("id", "seg_DryChosen")));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getString("id")).isEqualTo("seg_DryChosen");
    assertThat(reply.json().getString("description")).isEmpty();
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_DryChosen").status()).isEqualTo(404);
  }

  @Test
  void aPostDryRunWithATakenIdIs409AsTheRealRequestIs() {
    createSegment(seedSegment("taken").put("id", "seg_DryTaken"));

    Reply reply = writingNothing(() -> post("?dryRun=true", seedSegment("again").put("id", "seg_DryTaken")));

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().getString("type")).isEqualTo("conflict");
    Reply real = post("", seedSegment("again").put("id", "seg_DryTaken"));
    assertThat(reply.json().getString("detail")).isEqualTo(real.json().getString("detail"));
  }

  @Test
  void anIdTakenInAnotherAppIsFreeForADryRun() {
    createSegment(server.keyB(), seedSegment("theirs").put("id", "seg_DryTheirs"));

    Reply reply = writingNothing(() -> post("?dryRun=true", seedSegment("mine").put("id", "seg_DryTheirs")));

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void aPostDryRunWithAGroupThatCannotMatchAnswersItsWarnings() {
    JsonObject body = new JsonObject().put("name", "never").put("constraints", new JsonArray(SeedExamples.SECOND));

    Reply reply = writingNothing(() -> post("?dryRun=true", body));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("warnings")).hasSize(2);
    assertThat(reply.json().getString("expression")).isEqualTo("(deviceModel == \"Redmi Note XXXXX\" AND deviceModel"
        + " == \"Galaxy S23\") AND (deviceManufacturer == \"Xiaomi\" AND deviceManufacturer == \"Samsung\" AND type"
        + " == \"phone\")");
  }

  @Test
  void aPatchDryRunAnswersTheMergedSegmentAtTheVersionItWouldGet() {
    JsonObject stored = createSegment(seedSegment("stored").put("description", "kept"));
    String id = stored.getString("id");
    JsonObject change = new JsonObject().put("id", id).put("name", "renamed");

    Reply reply = writingNothing(() -> patch("?dryRun=true", change));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.header("ETag")).isNull();
    JsonObject preview = reply.json();
    assertThat(preview.getString("name")).isEqualTo("renamed");
    assertThat(preview.getString("description")).isEqualTo("kept");
    assertThat(preview.getJsonArray("constraints")).isEqualTo(stored.getJsonArray("constraints"));
    assertThat(preview.getLong("version")).isEqualTo(2);
    assertThat(preview.getLong("createdAt")).isEqualTo(stored.getLong("createdAt"));
    assertThat(preview.getLong("updatedAt")).isGreaterThan(stored.getLong("updatedAt"));
    assertThat(preview.getString("expression")).isEqualTo(SEED_EXPRESSION);
    JsonObject real = patch("", change).json();
    assertThat(preview.copy().put("updatedAt", real.getLong("updatedAt")).put("expression", null))
        .isEqualTo(real.copy().put("expression", null));
  }

  @Test
  void aPatchDryRunOfConstraintsAnswersTheNewConstraintsAndTheirExpression() {
    String id = createSegment(seedSegment("stored")).getString("id");
    JsonObject change = new JsonObject().put("id", id).put("constraints", new JsonArray(SeedExamples.FIRST));

    Reply reply = writingNothing(() -> patch("?dryRun=true", change));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("expression"))
        .isEqualTo("(firstSession <= 1771924492768) AND (lastSession >= 1771924492782)");
    assertThat(reply.json().getJsonArray("constraints").getJsonObject(0).getJsonArray("constraints")
        .getJsonObject(0).getLong("value")).isEqualTo(1771924492768L);
  }

  @Test
  void aPatchDryRunOfAnUnknownOrAnotherAppsSegmentIs404() {
    String theirs = createSegment(server.keyB(), seedSegment("theirs")).getString("id");

    for (String id : new String[] {"seg_NoSuchSegment", theirs}) {
      Reply reply = writingNothing(() -> patch("?dryRun=true", new JsonObject().put("id", id).put("name", "x")));
      assertThat(reply.status()).as(id).isEqualTo(404);
      assertThat(reply.json().getString("type")).isEqualTo("not-found");
    }
  }

  @Test
  void aPatchDryRunChecksIfMatch() {
    String id = createSegment(seedSegment("versioned")).getString("id");
    JsonObject change = new JsonObject().put("id", id).put("name", "x");

    assertThat(writingNothing(() -> patchIfMatch(change, "\"1\"")).status()).isEqualTo(200);
    Reply stale = writingNothing(() -> patchIfMatch(change, "\"7\""));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().getString("type")).isEqualTo("precondition-failed");
    Reply malformed = writingNothing(() -> patchIfMatch(change, "7"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().getJsonArray("errors").getJsonObject(0).getString("header")).isEqualTo("If-Match");
  }

  @Test
  void aDryRunWithAMalformedIdempotencyKeyIsThe400OfTheRealRequest() {
    String id = createSegment(seedSegment("keyed")).getString("id");
    Reply post = writingNothing(() -> server.sendJson(server.as(server.keyA(), HttpMethod.POST,
        "/v1/segments?dryRun=true").putHeader("Idempotency-Key", "abc"), seedSegment("keyed dry run")));
    Reply patch = writingNothing(() -> server.sendJson(server.as(server.keyA(), HttpMethod.PATCH,
        "/v1/segments?dryRun=true").putHeader("Idempotency-Key", "abc"),
        new JsonObject().put("id", id).put("name", "x")));
    for (Reply reply : new Reply[] {post, patch}) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("header")).isEqualTo("Idempotency-Key");
    }
    Reply wellFormed = writingNothing(() -> server.sendJson(server.as(server.keyA(), HttpMethod.POST,
        "/v1/segments?dryRun=true").putHeader("Idempotency-Key", "\"abc\""), seedSegment("keyed dry run")));
    assertThat(wellFormed.status()).isEqualTo(200);
  }

  @Test
  void aDryRunOfAnInvalidBodyIsThe400OfTheRealRequest() {
    JsonObject bad = new JsonObject().put("name", "").put("constraints", new JsonArray()
        .add(group("AND", condition("country", "==", "ZZ"))));

    Reply dry = writingNothing(() -> post("?dryRun=true", bad));
    Reply real = post("", bad);

    assertThat(dry.status()).isEqualTo(400);
    assertThat(dry.json().getJsonArray("errors")).isEqualTo(real.json().getJsonArray("errors"));
    assertThat(PatchTest.pointers(dry)).containsExactly("/name", "/constraints/0/constraints/0/value");
  }

  @Test
  void dryRunFalseWrites() {
    Reply reply = post("?dryRun=false", seedSegment("written"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(send(server.keyA(), HttpMethod.GET, reply.header("Location")).status()).isEqualTo(200);
  }

  @Test
  void anyOtherValueOfDryRunIsA400NamingTheParameterAndWritesNothing() {
    String id = createSegment(seedSegment("kept")).getString("id");
    for (String query : new String[] {"?dryRun=yes", "?dryRun=TRUE", "?dryRun=", "?dryRun=1",
        "?dryRun=true&dryRun=true"}) {
      for (Reply reply : new Reply[] {
          writingNothing(() -> post(query, seedSegment("never"))),
          writingNothing(() -> patch(query, new JsonObject().put("id", id).put("name", "never")))}) {
        assertThat(reply.status()).as(query).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("parameter")).isEqualTo("dryRun");
        assertThat(error.getString("message")).isNotBlank();
      }
    }
  }
}
