package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PATCH /v1/segments with If-Match: strong comparison of entity tags (RFC 9110 §13.1.1), 412 and 400. */
class IfMatchPatchTest extends ApiTest {

  private Reply patch(JsonObject body) {
    return sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", body);
  }

  private Reply patchIfMatch(JsonObject body, String ifMatch) {
    return server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments").putHeader("If-Match", ifMatch), body);
  }

  private JsonObject fetch(String id) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json();
  }

  private JsonObject created() {
    return createSegment(newSegment("Original").put("description", "first description"));
  }

  @Test
  void ifMatchWithTheCurrentVersionApplies() {
    JsonObject before = created();
    Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), "\"1\"");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void ifMatchWithAnotherVersionIs412AndChangesNothing() {
    JsonObject before = created();
    Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), "\"7\"");
    assertThat(reply.status()).isEqualTo(412);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("precondition-failed");
    assertThat(fetch(before.getString("id"))).isEqualTo(before);
  }

  @Test
  void ifMatchStarAppliesToAnyVersion() {
    JsonObject before = created();
    assertThat(patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), "*").status()).isEqualTo(200);
  }

  @Test
  void ifMatchWithAListMatchesWhenOneTagNamesTheCurrentVersion() {
    JsonObject before = created();
    String id = before.getString("id");
    assertThat(patchIfMatch(new JsonObject().put("id", id).put("name", "x"), "\"5\", \"1\"").status()).isEqualTo(200);
    assertThat(patchIfMatch(new JsonObject().put("id", id).put("name", "y"), "W/\"2\", \"2\"").status()).isEqualTo(200);
  }

  @Test
  void aWeakTagNeverMatchesSoThePatchIs412() {
    JsonObject before = created();
    Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), "W/\"1\"");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(412);
    assertThat(reply.json().getString("type")).isEqualTo("precondition-failed");
    assertThat(fetch(before.getString("id"))).isEqualTo(before);
  }

  @Test
  void aTagWithLeadingZerosDoesNotNameTheVersion() {
    JsonObject before = created();
    Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), "\"01\"");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(412);
    assertThat(fetch(before.getString("id"))).isEqualTo(before);
  }

  @Test
  void anIfMatchListThatNamesNoVersionIs412() {
    JsonObject before = created();
    for (String none : List.of("\"abc\"", "\"7\", \"8\"", ", ,")) {
      Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), none);
      assertThat(reply.status()).as("If-Match: " + none).isEqualTo(412);
    }
    assertThat(fetch(before.getString("id")).getLong("version")).isEqualTo(1);
  }

  @Test
  void aMalformedIfMatchIs400AndChangesNothing() {
    JsonObject before = created();
    for (String bad : List.of("1", "\"1", "abc", "\"1\" garbage", "W/1", "*, \"1\"")) {
      Reply reply = patchIfMatch(new JsonObject().put("id", before.getString("id")).put("name", "x"), bad);
      assertThat(reply.status()).as("If-Match: " + bad).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("header")).isEqualTo("If-Match");
      assertThat(error.getString("message")).isNotBlank();
    }
    assertThat(fetch(before.getString("id")).getLong("version")).isEqualTo(1);
  }

  @Test
  void patchingAnUnknownSegmentIs404EvenWithIfMatch() {
    assertThat(patch(new JsonObject().put("id", "seg_doesnotexist").put("name", "x")).status()).isEqualTo(404);
    assertThat(patchIfMatch(new JsonObject().put("id", "seg_doesnotexist").put("name", "x"), "\"1\"").status()).isEqualTo(404);
    assertThat(patchIfMatch(new JsonObject().put("id", "seg_doesnotexist").put("name", "x"), "*").status()).isEqualTo(404);
  }
}
