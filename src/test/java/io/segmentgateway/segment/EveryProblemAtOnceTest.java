package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request refused for its query, its headers and its body at once gets one 400 naming every problem: each
 * parameter, each header and each body pointer, not only the first part checked.
 */
class EveryProblemAtOnceTest extends ApiTest {

  /** Each error as "parameter dryRun", "header If-Match" or "pointer /name". */
  private static List<String> named(Reply reply) {
    List<String> names = new ArrayList<>();
    JsonArray errors = reply.json().getJsonArray("errors");
    for (int i = 0; i < errors.size(); i++) {
      JsonObject e = errors.getJsonObject(i);
      for (String part : new String[] {"parameter", "header", "pointer"}) {
        if (e.containsKey(part)) {
          names.add(part + " " + e.getString(part));
        }
      }
      assertThat(e.getString("message")).isNotBlank();
    }
    return names;
  }

  @Test
  void aPatchWithABadIfMatchAndABadBodyNamesTheHeaderAndEveryPointer() {
    String id = createSegment(newSegment("kept")).getString("id");
    Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("If-Match", "3").putHeader("Idempotency-Key", "unquoted"),
        new JsonObject().put("id", id).put("name", "").put("zz", 1));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("validation");
    assertThat(named(reply)).containsExactly("header If-Match", "header Idempotency-Key", "pointer /name",
        "pointer /zz");
    assertThat(reply.json().getString("detail")).isEqualTo("4 problems in the request");
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json().getString("name")).isEqualTo("kept");
  }

  @Test
  void aPostWithABadDryRunABadKeyAndABadBodyNamesThemAll() {
    Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.POST, "/v1/segments?dryRun=maybe")
        .putHeader("Idempotency-Key", "x"), new JsonObject().put("name", "").put("constraints", new JsonArray()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(named(reply)).containsExactly("parameter dryRun", "header Idempotency-Key", "pointer /name");
  }

  @Test
  void aDeleteWithTwoBadHeadersNamesBoth() {
    String id = createSegment(newSegment("kept")).getString("id");
    Reply reply = server.send(server.as(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id)
        .putHeader("If-Match", "garbage").putHeader("If-None-Match", "1"));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(named(reply)).containsExactly("header If-Match", "header If-None-Match");
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).status()).isEqualTo(200);
  }

  @Test
  void aRequestRefusedForOnePartAloneIsAnsweredInThatPartsWords() {
    String id = createSegment(newSegment("kept")).getString("id");
    Reply header = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("If-Match", "3"), new JsonObject().put("id", id).put("name", "fine"));
    assertThat(header.json().getString("title")).isEqualTo("Request headers are invalid");
    assertThat(named(header)).containsExactly("header If-Match");
    Reply body = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", new JsonObject().put("id", id)
        .put("name", ""));
    assertThat(body.json().getString("title")).isEqualTo("Request body is invalid");
    assertThat(named(body)).containsExactly("pointer /name");
  }
}
