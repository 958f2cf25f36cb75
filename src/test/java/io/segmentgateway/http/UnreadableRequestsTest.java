package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Requests that cannot be read at all: refused by the HTTP decoder, by Vert.x Web before any route, or as JSON.
 * Each is a 4xx problem with a request id, never a 500, and never shows what the server is built from.
 */
class UnreadableRequestsTest extends ApiTest {

  /** Names of the libraries and their settings, which a problem must never show. */
  private static final String[] INTERNALS = {"StreamRead", "JsonRead", "Source", "REDACTED", "Feature", "`",
      "com.fasterxml", "jackson", "Exception", "io.vertx", "java."};

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    JsonObject body = reply.json();
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("detail")).isNotBlank();
    assertThat(body.getString("requestId")).isEqualTo(reply.header("X-Request-Id")).isNotBlank();
  }

  private static void assertNoInternals(Reply reply) {
    String text = reply.body().toString();
    for (String internal : INTERNALS) {
      assertThat(text).as(text).doesNotContainIgnoringCase(internal);
    }
  }

  @Test
  void aRequestWithoutHostIs400NotA500() {
    Reply reply = RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).isEqualTo("the request cannot be read");
    assertNoInternals(reply);
  }

  @Test
  void aPathThatDoesNotDecodeIs400NotA500() {
    Reply reply = RawHttp.exchange(server, "GET /v1/segments/%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + server.keyA() + "\r\nConnection: close\r\n\r\n");
    assertProblem(reply, 400);
    assertThat(reply.json().getString("detail")).isEqualTo("a % in the request target is not followed by two hex digits");
  }

  @Test
  void aRequestLineTooLongIs414Problem() {
    String uri = "/v1/segments/seg_" + "a".repeat(5000);
    Reply reply = RawHttp.exchange(server, "GET " + uri + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertProblem(reply, 414);
    assertThat(reply.header("X-Request-Id")).matches("[0-9a-f]{32}");
  }

  @Test
  void headersTooLargeAre431Problem() {
    Reply reply = RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: big-one\r\n"
        + "X-Filler: " + "f".repeat(9000) + "\r\n\r\n");
    assertProblem(reply, 431);
  }

  @Test
  void bytesThatAreNotHttpAre400Problem() {
    Reply reply = RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: bad-head\r\n"
        + "Content-Length: nope\r\n\r\n");
    assertProblem(reply, 400);
    assertThat(reply.header("X-Request-Id")).isEqualTo("bad-head");
    assertThat(reply.header("Connection")).isEqualTo("close");
  }

  @Test
  void malformedJsonNeverShowsTheParsersInternals() {
    String[] bodies = {
        "{\"id\": \"seg_a\", \"constraints\": [1, 2",
        "{\"id\": \"seg_a\", \"name\": \"x",
        "[".repeat(1200),
        "{\"id\": " + "1".repeat(1200) + "}",
        "{\"" + "k".repeat(50_001) + "\": 1}",
        "{\"id\": NaN}",
        "{\"id\": \"seg_a\"} // comment",
        "{\"id\": \"seg_a\", \"id\": \"seg_b\"}",
        "[}",
        "{\"id\": 01}",
        "{\"id\": \"\\q\"}",
        "{'id': 1}"};
    for (String body : bodies) {
      Reply reply = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", body);
      assertProblem(reply, 400);
      assertThat(reply.json().getString("type")).isEqualTo("malformed-json");
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("message"))
          .startsWith("malformed JSON at line 1, column ");
      assertNoInternals(reply);
    }
  }

  @Test
  void malformedJsonSaysWhatIsWrongInWords() {
    assertThat(message("{\"id\": \"seg_a\", \"constraints\": [1, 2"))
        .endsWith("the body ends before the JSON value is complete");
    assertThat(message("[".repeat(1200))).endsWith("arrays and objects nest more than 1000 levels deep");
    assertThat(message("{\"id\": \"seg_a\", \"id\": \"seg_b\"}")).endsWith("the key 'id' appears twice in one object");
    assertThat(message("{\"id\": \"seg_a\",}")).endsWith("unexpected character '}'");
    assertThat(message("{\"name\": \"żółw 🐢\",}")).endsWith("unexpected character '}'");
    assertThat(message("{\"id\": \"seg_a\"} // comment")).endsWith("unexpected content after the JSON value");
  }

  private String message(String body) {
    Reply reply = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", body);
    return reply.json().getJsonArray("errors").getJsonObject(0).getString("message");
  }
}
