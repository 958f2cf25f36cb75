package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.segmentgateway.support.Reply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Methods beyond each route's own: HEAD answers as GET does, OPTIONS and 405 name the same Allow list. */
class MethodsTest extends ApiTest {

  private static final String COLLECTION = "GET, HEAD, PATCH, POST, OPTIONS";
  private static final String ITEM = "GET, HEAD, DELETE, OPTIONS";
  private static final String READ_ONLY = "GET, HEAD, OPTIONS";

  @Test
  void headOnASegmentHasTheHeadersOfGetAndNoBody() {
    String id = createSegment(newSegment("Headed")).getString("id");
    Reply get = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id);
    Reply head = send(server.keyA(), HttpMethod.HEAD, "/v1/segments/" + id);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body() == null ? 0 : head.body().length()).isZero();
    // Vert.x leaves Content-Length out of an answer to HEAD, which RFC 9110 §9.3.2 allows.
    for (String name : List.of("ETag", "Content-Type")) {
      assertThat(head.header(name)).as(name).isEqualTo(get.header(name)).isNotNull();
    }
    assertThat(head.header("X-Request-Id")).isNotBlank();
  }

  @Test
  void headAnswersOnEveryGetRoute() {
    for (String path : List.of("/v1/segments", "/health/live", "/health/ready", "/openapi.json", "/metrics")) {
      Reply head = send(server.keyA(), HttpMethod.HEAD, path);
      assertThat(head.status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void headNeedsTheKeyAsGetDoes() {
    assertThat(send(null, HttpMethod.HEAD, "/v1/segments").status()).isEqualTo(401);
  }

  @Test
  void optionsOnAKnownPathIs204WithAllowAndNeedsNoKey() {
    assertAllow(send(null, HttpMethod.OPTIONS, "/v1/segments"), COLLECTION);
    assertAllow(send(null, HttpMethod.OPTIONS, "/v1/segments/seg_abc"), ITEM);
    for (String path : List.of("/health/live", "/health/ready", "/openapi.json", "/schemas/condition.json", "/metrics")) {
      assertAllow(send(null, HttpMethod.OPTIONS, path), READ_ONLY);
    }
  }

  @Test
  void a405NamesTheSameMethodsAsOptions() {
    assertThat(send(server.keyA(), HttpMethod.PUT, "/v1/segments").header("Allow")).isEqualTo(COLLECTION);
    assertThat(send(server.keyA(), HttpMethod.PATCH, "/v1/segments/seg_abc").header("Allow")).isEqualTo(ITEM);
    assertThat(send(null, HttpMethod.POST, "/metrics").header("Allow")).isEqualTo(READ_ONLY);
  }

  @Test
  void optionsOnAnUnknownPathIs404() {
    assertThat(send(null, HttpMethod.OPTIONS, "/nothing/here").status()).isEqualTo(404);
  }

  @Test
  void aBodyIsReadOnlyWhereTheMethodTakesOne() {
    // Over the 64 KiB limit, but a GET does not read it: the answer is the GET's, not a 413.
    Buffer big = Buffer.buffer("x".repeat(70 * 1024));
    Reply reply = server.await(server.as(server.keyA(), HttpMethod.GET, "/v1/segments").sendBuffer(big));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("items")).isNotNull();

    String body = new JsonObject().put("name", "x").encode();
    assertThat(sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", "x".repeat(70 * 1024)).status()).isEqualTo(413);
    assertThat(sendJson(server.keyA(), HttpMethod.POST, "/v1/segments", body).status()).isEqualTo(400);
  }

  @Test
  void anUnreadBodyDoesNotSpillIntoTheNextRequestOnTheConnection() {
    String body = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String text = RawHttp.converse(server, "DELETE /v1/segments/seg_nothing HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + server.keyA() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
        + "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    Matcher statuses = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(text);
    assertThat(statuses.find()).isTrue();
    assertThat(statuses.group(1)).isEqualTo("404");
    assertThat(statuses.find()).isTrue();
    assertThat(statuses.group(1)).isEqualTo("200");
    assertThat(statuses.find()).as(text).isFalse();
  }

  private static void assertAllow(Reply reply, String allow) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(reply.header("Allow")).isEqualTo(allow);
  }
}
