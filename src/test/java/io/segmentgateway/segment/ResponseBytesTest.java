package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A segment's bytes on the wire, through PostgreSQL and its client: the same whichever statement returned the
 * row, with the jsonb column itself or its text (WIRE_COLUMNS), escaped as Jackson escapes.
 */
class ResponseBytesTest extends ApiTest {

  private static final String AWKWARD = "\"q\\ /\u0001\u001f\t \u007f é 中 \u2028 \uD83D\uDE00";
  private static final String AWKWARD_ON_THE_WIRE = "\\\"q\\\\ /\\u0001\\u001F\\t \u007f é 中 \u2028 \\uD83D\\uDE00";

  private JsonObject awkwardSegment() {
    return new JsonObject()
        .put("name", "name " + AWKWARD)
        .put("description", "description " + AWKWARD)
        .put("constraints", new JsonArray()
            .add(group("AND",
                condition("customUserId", "EQUALS", AWKWARD),
                condition("appVersionCode", "gte", 2147483647),
                condition("lastSession", "<", 9223372036854775807L)))
            .add(group("OR",
                condition("tags", "contains", AWKWARD),
                new JsonObject().put("relation", "EXISTS").put("field", "pushToken"))));
  }

  private Reply get(String id) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id);
  }

  @Test
  void aCreatedSegmentReadsBackByteForByte() {
    Reply created = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", awkwardSegment());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    Reply read = get(id);
    assertThat(read.body().toString()).isEqualTo(created.body().toString());
    Reply list = send(server.keyA(), HttpMethod.GET, "/v1/segments?limit=200");
    assertThat(list.body().toString()).contains(read.body().toString());
  }

  @Test
  void aPatchedSegmentReadsBackByteForByte() {
    String id = createSegment(awkwardSegment()).getString("id");
    Reply patched = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments",
        new JsonObject().put("id", id).put("description", "patched " + AWKWARD));
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    assertThat(get(id).body().toString()).isEqualTo(patched.body().toString());
  }

  @Test
  void membersComeInTheDocumentedOrderWithJacksonsEscapes() {
    String id = createSegment(awkwardSegment()).getString("id");
    String body = get(id).body().toString();
    assertThat(body).startsWith("{\"id\":\"" + id + "\",\"name\":\"name " + AWKWARD_ON_THE_WIRE + "\","
        + "\"description\":\"description " + AWKWARD_ON_THE_WIRE + "\",\"constraints\":["
        + "{\"type\":\"AND\",\"constraints\":["
        + "{\"field\":\"customUserId\",\"relation\":\"==\",\"value\":\"" + AWKWARD_ON_THE_WIRE + "\"},"
        + "{\"field\":\"appVersionCode\",\"relation\":\">=\",\"value\":2147483647},"
        + "{\"field\":\"lastSession\",\"relation\":\"<\",\"value\":9223372036854775807}]},"
        + "{\"type\":\"OR\",\"constraints\":["
        + "{\"field\":\"tags\",\"relation\":\"contains\",\"value\":\"" + AWKWARD_ON_THE_WIRE + "\"},"
        + "{\"field\":\"pushToken\",\"relation\":\"exists\",\"value\":true}]}],\"version\":1,\"createdAt\":");
    assertThat(body).matches("(?s).*\"version\":1,\"createdAt\":[0-9]{13},\"updatedAt\":[0-9]{13}}");
  }
}
