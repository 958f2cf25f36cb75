package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key header's syntax: an RFC 8941 String of 1 to 255 visible ASCII characters. Everything else is
 * a 400 naming the header, before anything runs, on every write.
 */
class IdempotencyKeyTest extends ApiTest {

  @Test
  void aQuotedStringIsTheKeyWithoutItsQuotesAndEscapes() {
    assertThat(IdempotencyKey.of(List.of("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")))
        .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(IdempotencyKey.of(List.of("\"a\\\"b\\\\c\""))).isEqualTo("a\"b\\c");
    assertThat(IdempotencyKey.of(List.of("  \"x\"  "))).isEqualTo("x");
    assertThat(IdempotencyKey.of(List.of("\"" + "k".repeat(255) + "\""))).hasSize(255);
    assertThat(IdempotencyKey.of(List.of("\"!~\""))).isEqualTo("!~");
    assertThat(IdempotencyKey.of(List.of())).isNull();
  }

  @Test
  void everythingElseIsRefused() {
    List<String> refused = List.of(
        "8e03978e-40d5-43e8-bc93-6894a57f9324", // bare, as some clients send it: not an sf-string
        "\"\"", // empty
        "\"" + "k".repeat(256) + "\"", // too long
        "\"a b\"", // a space is not visible
        "\"a\tb\"",
        "\"a\u0001b\"",
        "\"caf\u00e9\"", // not ASCII
        "\"a\\nb\"", // only \" and \\ are escapes
        "\"a\\\"", // the closing quote escaped: unterminated
        "\"a", "a\"", "\"",
        "\"a\";p=1", // parameters
        "\"a\", \"b\"", // a list
        "\"a\"\"b\"");
    for (String value : refused) {
      assertThatThrownBy(() -> IdempotencyKey.of(List.of(value)))
          .as(value)
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors().getJsonObject(0).getString("header")).isEqualTo("Idempotency-Key");
            assertThat(e.reason()).isEqualTo(Refusal.PARAMETER);
          });
    }
    assertThatThrownBy(() -> IdempotencyKey.of(List.of("\"a\"", "\"a\"")))
        .hasMessageContaining("must be sent once");
  }

  @Test
  void aMalformedKeyIs400OnEveryWriteAndChangesNothing() {
    String id = createSegment(newSegment("untouched")).getString("id");
    Reply patch = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("Idempotency-Key", "no-quotes"), "{\"id\":\"" + id + "\",\"name\":\"changed\"}");
    Reply post = server.sendJson(server.as(server.keyA(), HttpMethod.POST, "/v1/segments")
        .putHeader("Idempotency-Key", "\"" + "k".repeat(256) + "\""), newSegment("never"));
    var twice = server.as(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id);
    twice.headers().add("Idempotency-Key", "\"a\"").add("Idempotency-Key", "\"b\"");
    Reply delete = server.send(twice);

    for (Reply reply : new Reply[] {patch, post, delete}) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("header"))
          .isEqualTo("Idempotency-Key");
    }
    Reply fetched = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id);
    assertThat(fetched.json().getString("name")).isEqualTo("untouched");
  }

  @Test
  void aControlCharacterInTheKeyIs400() {
    String body = "{\"id\":\"seg_control\",\"name\":\"x\"}";
    String request = "PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Authorization: Bearer " + server.keyA() + "\r\nContent-Type: application/json\r\n"
        + "Idempotency-Key: \"a\tb\"\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    Reply reply = RawHttp.exchange(server, request.getBytes(StandardCharsets.US_ASCII));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().toString()).contains("Idempotency-Key");
  }
}
