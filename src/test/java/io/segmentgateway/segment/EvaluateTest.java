package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/segments/{id}/evaluate and /v1/segments/evaluate: the answer's shape, the public page's examples on a
 * phone and a tablet, stored segments of this app only, warnings for unsaved constraints, nothing written.
 */
class EvaluateTest extends ApiTest {

  /** A Xiaomi phone that matches the public page's first example, and a Samsung tablet that does not. */
  static final JsonObject PHONE = new JsonObject("""
      {"id": "dev-phone-1", "type": "phone", "deviceManufacturer": "Xiaomi", "deviceModel": "Redmi Note XXXXX",
       "osVersion": "13", "country": "PL", "firstSession": 1771924000000, "lastSession": 1771924499000,
       "sessionCount": 42, "tags": ["beta"]}""");
  static final JsonObject TABLET = new JsonObject("""
      {"id": "dev-tablet-1", "type": "tablet", "deviceManufacturer": "Samsung", "deviceModel": "Galaxy Tab S9",
       "osVersion": "14", "country": "DE", "firstSession": 1771925000000, "lastSession": 1771924400000,
       "sessionCount": 7}""");
  private static final JsonArray BOTH = new JsonArray().add(PHONE).add(TABLET);

  private Reply evaluate(String key, String path, JsonObject body) {
    return sendJson(key, HttpMethod.POST, path, body);
  }

  private Reply evaluateUnsaved(String constraints) {
    return evaluate(server.keyA(), "/v1/segments/evaluate",
        new JsonObject().put("constraints", new JsonArray(constraints)).put("devices", BOTH));
  }

  private static JsonObject result(boolean matched, JsonObject... groups) {
    JsonArray list = new JsonArray();
    for (JsonObject group : groups) {
      list.add(group);
    }
    return new JsonObject().put("matched", matched).put("groups", list);
  }

  private static JsonObject group(boolean matched, Boolean... conditions) {
    return new JsonObject().put("matched", matched).put("conditions", new JsonArray(List.of(conditions)));
  }

  @Test
  void aStoredSegmentIsEvaluatedOnEachDeviceInOrder() {
    String id = createSegment(new JsonObject().put("name", "Xiaomi on 13")
        .put("constraints", new JsonArray(SeedExamples.WITH_ALIAS))).getString("id");

    Reply reply = evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", new JsonObject().put("devices", BOTH));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo("application/json");
    assertThat(reply.json()).isEqualTo(new JsonObject()
        .put("expression", "(deviceManufacturer == \"Xiaomi\" AND deviceModel == \"Redmi Note XXXXX\") AND"
            + " (osVersion == \"13\")")
        .put("results", new JsonArray()
            .add(result(true, group(true, true, true), group(true, true)))
            .add(result(false, group(false, false, false), group(false, false)))));
    assertThat(reply.json().fieldNames()).containsExactly("expression", "results");
  }

  @Test
  void theFirstExampleOfThePublicPageMatchesThePhoneAndNotTheTablet() {
    Reply reply = evaluateUnsaved(SeedExamples.FIRST);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(new JsonObject()
        .put("expression", "(firstSession <= 1771924492768) AND (lastSession >= 1771924492782)")
        .put("results", new JsonArray()
            .add(result(true, group(true, true), group(true, true)))
            .add(result(false, group(false, false), group(false, false)))));
  }

  @Test
  void theSecondExampleOfThePublicPageMatchesNoDeviceAndSaysWhy() {
    Reply reply = evaluateUnsaved(SeedExamples.SECOND);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject body = reply.json();
    assertThat(body.fieldNames()).containsExactly("expression", "results", "warnings");
    assertThat(body.getString("expression")).isEqualTo("(deviceModel == \"Redmi Note XXXXX\" AND deviceModel =="
        + " \"Galaxy S23\") AND (deviceManufacturer == \"Xiaomi\" AND deviceManufacturer == \"Samsung\" AND type =="
        + " \"phone\")");
    assertThat(body.getJsonArray("results")).containsExactly(
        result(false, group(false, true, false), group(false, true, false, true)),
        result(false, group(false, false, false), group(false, false, true, false)));
    JsonArray warnings = body.getJsonArray("warnings");
    assertThat(warnings.stream().map(w -> ((JsonObject) w).getString("pointer")))
        .containsExactly("/constraints/0", "/constraints/1");
    JsonObject created = createSegment(new JsonObject().put("name", "never")
        .put("constraints", new JsonArray(SeedExamples.SECOND)));
    assertThat(warnings).isEqualTo(created.getJsonArray("warnings"));
  }

  @Test
  void aStoredSegmentIsEvaluatedWithoutWarnings() {
    String id = createSegment(new JsonObject().put("name", "never")
        .put("constraints", new JsonArray(SeedExamples.SECOND))).getString("id");

    Reply reply = evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", new JsonObject().put("devices", BOTH));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().fieldNames()).containsExactly("expression", "results");
  }

  @Test
  void theStoredSegmentIsEvaluatedAsItIsNow() {
    String id = createSegment(newSegment("Poland")).getString("id");
    JsonObject body = new JsonObject().put("devices", BOTH);
    assertThat(evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", body).json().getString("expression"))
        .isEqualTo("(country == \"PL\")");

    sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", new JsonObject().put("id", id)
        .put("constraints", new JsonArray().add(group("OR", condition("country", "==", "DE")))));

    Reply reply = evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", body);
    assertThat(reply.json().getString("expression")).isEqualTo("(country == \"DE\")");
    assertThat(reply.json().getJsonArray("results").stream().map(r -> ((JsonObject) r).getBoolean("matched")))
        .containsExactly(false, true);
  }

  @Test
  void anotherAppsSegmentAnUnknownIdAndAnIdThatCannotExistAre404() {
    String theirs = createSegment(server.keyB(), newSegment("theirs")).getString("id");
    JsonObject body = new JsonObject().put("devices", BOTH);

    for (String id : new String[] {theirs, "seg_NoSuchSegment", "not-an-id"}) {
      Reply reply = evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", body);
      assertThat(reply.status()).as(id).isEqualTo(404);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.body().toString()).doesNotContain("theirs");
    }
    assertThat(evaluate(server.keyB(), "/v1/segments/" + theirs + "/evaluate", body).status()).isEqualTo(200);
  }

  @Test
  void evaluatingWritesNothing() {
    String id = createSegment(newSegment("kept")).getString("id");
    List<String> before = TableSnapshot.of(server.config().db());

    assertThat(evaluate(server.keyA(), "/v1/segments/" + id + "/evaluate", new JsonObject().put("devices", BOTH))
        .status()).isEqualTo(200);
    assertThat(evaluateUnsaved(SeedExamples.FIRST).status()).isEqualTo(200);

    assertThat(TableSnapshot.of(server.config().db())).isEqualTo(before);
  }

  @Test
  void theEvaluateEndpointsNeedAKey() {
    Reply reply = evaluate(null, "/v1/segments/evaluate", new JsonObject().put("constraints", new JsonArray())
        .put("devices", BOTH));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void optionsAndOtherMethodsNameTheMethodsOfTheEvaluateEndpoints() {
    for (String path : new String[] {"/v1/segments/evaluate", "/v1/segments/seg_abc/evaluate"}) {
      Reply options = send(null, HttpMethod.OPTIONS, path);
      assertThat(options.status()).as(path).isEqualTo(204);
      assertThat(options.header("Allow")).isEqualTo("POST, OPTIONS");
      for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE}) {
        Reply refused = send(server.keyA(), method, path);
        assertThat(refused.status()).as("%s %s", method, path).isEqualTo(405);
        assertThat(refused.header("Allow")).isEqualTo("POST, OPTIONS");
      }
    }
  }
}
