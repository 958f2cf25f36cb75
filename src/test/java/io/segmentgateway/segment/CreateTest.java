package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** POST /v1/segments: generated and chosen ids, Location and ETag, conflicts, required members. */
class CreateTest extends ApiTest {

  private Reply post(String key, JsonObject body) {
    return sendJson(key, HttpMethod.POST, "/v1/segments", body);
  }

  @Test
  void aCreateIs201WithLocationEtagAndTheWholeSegment() {
    Reply reply = post(server.keyA(), newSegment("  Poland  "));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonObject body = reply.json();
    String id = body.getString("id");
    assertThat(id).matches("seg_[A-Za-z0-9]{13}");
    assertThat(reply.header("Location")).isEqualTo("/v1/segments/" + id);
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(body.fieldNames()).containsExactly("id", "name", "description", "constraints", "version", "createdAt", "updatedAt");
    assertThat(body.getString("name")).isEqualTo("Poland");
    assertThat(body.getString("description")).isEmpty();
    assertThat(body.getLong("version")).isEqualTo(1);
    assertThat(body.getLong("createdAt")).isEqualTo(body.getLong("updatedAt")).isPositive();
    assertThat(send(server.keyA(), HttpMethod.GET, reply.header("Location")).json()).isEqualTo(body);
  }

  @Test
  void generatedIdsDiffer() {
    String first = post(server.keyA(), newSegment("a")).json().getString("id");
    String second = post(server.keyA(), newSegment("b")).json().getString("id");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aClientMayChooseTheIdAndATakenIdIs409() {
    Reply first = post(server.keyA(), newSegment("chosen").put("id", "seg_Chosen1"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().getString("id")).isEqualTo("seg_Chosen1");

    Reply again = post(server.keyA(), newSegment("again").put("id", "seg_Chosen1"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).isEqualTo("application/problem+json");
    assertThat(again.json().getString("type")).isEqualTo("conflict");
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_Chosen1").json().getString("name")).isEqualTo("chosen");
  }

  @Test
  void anotherAppMayUseTheSameId() {
    assertThat(post(server.keyA(), newSegment("mine").put("id", "seg_Shared")).status()).isEqualTo(201);
    Reply theirs = post(server.keyB(), newSegment("theirs").put("id", "seg_Shared"));
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_Shared").json().getString("name")).isEqualTo("mine");
    assertThat(send(server.keyB(), HttpMethod.GET, "/v1/segments/seg_Shared").json().getString("name")).isEqualTo("theirs");
  }

  @Test
  void nameAndConstraintsAreRequired() {
    Reply reply = post(server.keyA(), new JsonObject().put("description", "only this"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(PatchTest.pointers(reply)).contains("/name", "/constraints");
  }

  @Test
  void anEmptyConstraintsArrayMeansEveryDevice() {
    Reply reply = post(server.keyA(), new JsonObject().put("name", "everyone").put("constraints", new JsonArray()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getJsonArray("constraints")).isEmpty();
  }

  @Test
  void textThatPostgresqlCannotStoreIs400Not500() {
    Reply inName = post(server.keyA(), newSegment("nul \u0000 inside"));
    assertThat(inName.status()).as(inName.toString()).isEqualTo(400);
    assertThat(inName.json().getString("type")).isEqualTo("validation");
    Reply inValue = post(server.keyA(), new JsonObject().put("name", "nul in value")
        .put("constraints", new JsonArray().add(group("AND", condition("customUserId", "==", "a\u0000b")))));
    assertThat(inValue.status()).as(inValue.toString()).isEqualTo(400);
  }

  @Test
  void anIntegerFieldTakesOnlyJsonIntegersNotFractionsOrExponents() {
    String body = "{\"name\": \"counts\", \"constraints\": [{\"type\": \"AND\", \"constraints\": ["
        + "{\"field\": \"sessionCount\", \"relation\": \">=\", \"value\": 5.0},"
        + "{\"field\": \"lastSession\", \"relation\": \"<\", \"value\": 1e2},"
        + "{\"field\": \"appVersionCode\", \"relation\": \"==\", \"value\": 7}]}]}";
    Reply reply = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.json().getString("type")).isEqualTo("validation");
    JsonArray errors = reply.json().getJsonArray("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.getJsonObject(0).getString("pointer")).isEqualTo("/constraints/0/constraints/0/value");
    assertThat(errors.getJsonObject(0).getString("message"))
        .isEqualTo("must be a JSON integer, without fraction or exponent, got 5.0");
    assertThat(errors.getJsonObject(1).getString("pointer")).isEqualTo("/constraints/0/constraints/1/value");
  }

  @Test
  void aCreateWithAnUnsatisfiableGroupCarriesTheWarning() {
    Reply reply = post(server.keyA(), new JsonObject().put("name", "nobody").put("constraints", new JsonArray(SeedExamples.SECOND)));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.json().getJsonArray("warnings")).isNotEmpty();
  }
}
