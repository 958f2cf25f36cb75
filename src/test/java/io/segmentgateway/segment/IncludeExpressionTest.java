package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** GET /v1/segments/{id}?include=expression, and the 400 for anything include does not know. */
class IncludeExpressionTest extends ApiTest {

  private Reply get(String id, String query) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id + query);
  }

  @Test
  void includeExpressionAddsTheExpressionToTheSegment() {
    JsonObject created = createSegment(new JsonObject().put("name", "seed")
        .put("constraints", new JsonArray(SeedExamples.WITH_ALIAS)));
    String id = created.getString("id");

    Reply reply = get(id, "?include=expression");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(reply.json().fieldNames()).containsExactly("id", "name", "description", "constraints", "version",
        "createdAt", "updatedAt", "expression");
    assertThat(reply.json().getString("expression")).isEqualTo(
        "(deviceManufacturer == \"Xiaomi\" AND deviceModel == \"Redmi Note XXXXX\") AND (osVersion == \"13\")");
    JsonObject segment = reply.json();
    segment.remove("expression");
    assertThat(segment).isEqualTo(created);
    assertThat(get(id, "").json().fieldNames()).doesNotContain("expression");
  }

  @Test
  void theExpressionOfNoGroupsIsTrue() {
    String id = createSegment(new JsonObject().put("name", "all").put("constraints", new JsonArray())).getString("id");

    assertThat(get(id, "?include=expression").json().getString("expression")).isEqualTo("true");
  }

  @Test
  void theExpressionWritesExistsNumbersOrGroupsAndEscapedStrings() {
    JsonArray constraints = new JsonArray()
        .add(group("OR", condition("tags", "contains", "say \"hi\"\\"), condition("pushToken", "EXISTS", false)))
        .add(group("AND", condition("sessionCount", "gte", 3), condition("customUserId", "exists", true)));
    String id = createSegment(new JsonObject().put("name", "mixed").put("constraints", constraints)).getString("id");

    assertThat(get(id, "?include=expression").json().getString("expression")).isEqualTo(
        "(tags contains \"say \\\"hi\\\"\\\\\" OR pushToken not exists) AND (sessionCount >= 3 AND customUserId exists)");
  }

  @Test
  void includeTakesACommaSeparatedListAndRepeats() {
    String id = createSegment(newSegment("listed")).getString("id");

    assertThat(get(id, "?include=expression,expression").json().getString("expression")).isEqualTo("(country == \"PL\")");
    assertThat(get(id, "?include=expression&include=expression").status()).isEqualTo(200);
  }

  @Test
  void anUnknownIncludeIsA400NamingTheParameter() {
    String id = createSegment(newSegment("strict")).getString("id");

    for (String query : new String[] {"?include=expressions", "?include=", "?include=expression,", "?include=Expression",
        "?include=expression&include=warnings"}) {
      Reply reply = get(id, query);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("parameter")).isEqualTo("include");
      assertThat(error.getString("message")).isEqualTo("include takes a comma-separated list of: expression");
    }
  }

  @Test
  void includeDoesNotRevealAnotherAppsSegment() {
    String theirs = createSegment(server.keyB(), newSegment("theirs")).getString("id");

    assertThat(get(theirs, "?include=expression").status()).isEqualTo(404);
  }
}
