package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Every error the router, the body handler and the auth handler produce is an RFC 9457 problem. */
class ErrorResponsesTest extends ApiTest {

  private static void assertProblem(Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    JsonObject body = reply.json();
    assertThat(body.getString("type")).isEqualTo(type);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("requestId")).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void aRequestWithoutAKeyIs401WithABareBearerChallenge() {
    Reply reply = send(null, HttpMethod.GET, "/v1/segments");
    assertProblem(reply, 401, "unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void blankCredentialsAre401WithABareBearerChallenge() {
    for (String blank : new String[] {"", "Bearer", "Bearer   ", "bearer "}) {
      Reply reply = server.send(server.client().get("/v1/segments").putHeader("Authorization", blank));
      assertProblem(reply, 401, "unauthorized");
      assertThat(reply.header("WWW-Authenticate")).as("Authorization: '" + blank + "'").isEqualTo("Bearer");
    }
  }

  @Test
  void anUnknownKeyIs401WithAnInvalidTokenChallenge() {
    Reply reply = send("sgk_" + "A".repeat(32), HttpMethod.GET, "/v1/segments");
    assertProblem(reply, 401, "unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void aMalformedKeyIs401WithAnInvalidTokenChallenge() {
    Reply reply = send("not-a-key", HttpMethod.GET, "/v1/segments");
    assertProblem(reply, 401, "unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void anotherAuthorizationSchemeIs401WithABareBearerChallenge() {
    Reply reply = server.send(server.client().get("/v1/segments").putHeader("Authorization", "Basic " + server.keyA()));
    assertProblem(reply, 401, "unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() {
    Reply reply = server.send(server.client().get("/v1/segments").putHeader("Authorization", "bearer " + server.keyA()));
    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void anUnknownPathIs404Problem() {
    assertProblem(send(server.keyA(), HttpMethod.GET, "/nothing/here"), 404, "not-found");
    assertProblem(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_abc/extra"), 404, "not-found");
  }

  @Test
  void aWrongMethodOnAKnownPathIs405WithAllow() {
    Reply onCollection = send(server.keyA(), HttpMethod.PUT, "/v1/segments");
    assertProblem(onCollection, 405, "method-not-allowed");
    assertThat(onCollection.header("Allow")).isEqualTo("GET, HEAD, PATCH, POST, OPTIONS");

    Reply onItem = send(server.keyA(), HttpMethod.POST, "/v1/segments/seg_abc");
    assertProblem(onItem, 405, "method-not-allowed");
    assertThat(onItem.header("Allow")).isEqualTo("GET, HEAD, DELETE, OPTIONS");

    Reply onProbe = send(null, HttpMethod.DELETE, "/health/live");
    assertProblem(onProbe, 405, "method-not-allowed");
    assertThat(onProbe.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void aBodyOver64KiBIs413() {
    String big = "{\"id\":\"seg_abc\",\"name\":\"" + "x".repeat(64 * 1024) + "\"}";
    assertProblem(sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", big), 413, "payload-too-large");
  }

  @Test
  void aChunkedBodyOver64KiBIs413() {
    Buffer big = Buffer.buffer("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}");
    Reply reply = RawHttp.sendChunked(server, server.keyA(), "/v1/segments", big);
    assertProblem(reply, 413, "payload-too-large");
  }

  @Test
  void aBodyThatIsNotJsonByContentTypeIs415() {
    Reply text = server.sendJson(
        server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments").putHeader("Content-Type", "text/plain"),
        "{\"id\":\"seg_abc\",\"name\":\"x\"}");
    assertProblem(text, 415, "unsupported-media-type");

    Reply none = server.send(server.as(server.keyA(), HttpMethod.POST, "/v1/segments"));
    assertProblem(none, 415, "unsupported-media-type");
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() {
    Reply reply = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", "{\n  \"id\": \"seg_abc\",\n  \"name\": }");
    assertProblem(reply, 400, "malformed-json");
    JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("pointer")).isEmpty();
    assertThat(error.getString("message")).contains("line 3").contains("column");
  }

  @Test
  void jsonWithTrailingContentOrCommentsOrDuplicateKeysIs400() {
    assertProblem(sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", "{\"id\":\"seg_a\"} {}"), 400, "malformed-json");
    assertProblem(sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", "{\"id\":\"seg_a\" /* hi */}"), 400, "malformed-json");
    assertProblem(sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", "{\"id\":\"seg_a\",\"id\":\"seg_b\"}"), 400, "malformed-json");
  }

  @Test
  void anEmptyBodyIs400() {
    assertProblem(sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", ""), 400, "malformed-json");
  }

  @Test
  void aRequestIdOfVisibleAsciiIsEchoed() {
    for (String id : new String[] {"trace-42.a_b", "00-4bf92f3577b34da6-00f067aa0ba902b7-01", "req:42/a+b=c{}~!\"",
        "x", "a".repeat(128)}) {
      Reply reply = server.send(server.client().get("/health/live").putHeader("X-Request-Id", id));
      assertThat(reply.header("X-Request-Id")).isEqualTo(id);
    }
  }

  @Test
  void aMissingOrUnacceptableRequestIdIsReplacedByAGeneratedOne() {
    Reply none = server.send(server.client().get("/health/live"));
    assertThat(none.header("X-Request-Id")).matches("[0-9a-f]{32}");

    for (String bad : new String[] {"bad id; drop table", "tab\tinside", "a".repeat(129)}) {
      Reply reply = server.send(server.client().get("/health/live").putHeader("X-Request-Id", bad));
      assertThat(reply.header("X-Request-Id")).as(bad).matches("[0-9a-f]{32}");
    }

    Reply nonAscii = RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n"
        + "X-Request-Id: caf\u00e9\r\nConnection: close\r\n\r\n");
    assertThat(nonAscii.status()).isEqualTo(200);
    assertThat(nonAscii.header("X-Request-Id")).matches("[0-9a-f]{32}");
  }

  @Test
  void anErrorResponseCarriesTheClientsRequestId() {
    Reply reply = server.send(server.client().get("/v1/segments").putHeader("X-Request-Id", "abc-123"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("X-Request-Id")).isEqualTo("abc-123");
    assertThat(reply.json().getString("requestId")).isEqualTo("abc-123");
  }

  @Test
  void a500ShowsOnlyTheRequestId() {
    // A row the service did not write and cannot read (constraints is not an array), in an app of its own.
    String key = ApiKeys.create(server.server().statements(), "app-corrupt").await();
    TestDatabase.execute(server.config().db(), "INSERT INTO segments (app_id, id, name, constraints)"
        + " VALUES ('app-corrupt', 'seg_corrupt', 'broken', '{\"not\": \"an array\"}'::jsonb)");
    Reply reply = server.send(server.as(key, HttpMethod.GET, "/v1/segments/seg_corrupt")
        .putHeader("X-Request-Id", "req-500"));
    assertProblem(reply, 500, "internal");
    JsonObject body = reply.json();
    assertThat(body.getString("requestId")).isEqualTo("req-500");
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "requestId");
    assertThat(body.encode()).doesNotContain("Exception").doesNotContain("jsonb").doesNotContain("io.");
  }
}
