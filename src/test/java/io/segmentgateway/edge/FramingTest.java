package io.segmentgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 by the letter of RFC 9112, sent as raw bytes: a message whose framing or head breaks the rules is a
 * problem with a request id, and its connection closes after the answer, so that the bytes after it are never
 * served as another request (each conversation ends with a request that would be answered 200).
 */
class FramingTest extends ApiTest {

  private static final String NEXT = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";

  /** Everything the server sent on one connection until it closed it, split into answers by their lengths. */
  private List<Answer> converse(String bytes) {
    String all = RawHttp.converse(server, bytes);
    List<Answer> answers = new ArrayList<>();
    int at = 0;
    while (at < all.length()) {
      int headEnd = all.indexOf("\r\n\r\n", at);
      assertThat(headEnd).as("a whole answer head in %s", all.substring(at)).isPositive();
      Answer head = new Answer(all.substring(at, headEnd + 4));
      String length = head.header("Content-Length");
      int end = headEnd + 4 + (length == null ? 0 : Integer.parseInt(length));
      answers.add(new Answer(all.substring(at, Math.min(end, all.length()))));
      at = end;
    }
    return answers;
  }

  /** One answer: status, headers and body as text. */
  private record Answer(String text) {
    int status() {
      return Integer.parseInt(text.substring(9, 12));
    }

    String header(String name) {
      for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
        if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }

    JsonObject json() {
      return new JsonObject(text.substring(text.indexOf("\r\n\r\n") + 4));
    }
  }

  /** Exactly one answer, a problem of that status with a request id, and then the connection closed. */
  private Answer refusedAndClosed(String request, int status) {
    List<Answer> answers = converse(request + NEXT);
    assertThat(answers).as("answers to %s", request).hasSize(1);
    Answer answer = answers.get(0);
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.header("Connection")).isEqualTo("close");
    assertThat(answer.header("X-Request-Id")).isNotBlank();
    assertThat(answer.json().getString("requestId")).isEqualTo(answer.header("X-Request-Id"));
    assertThat(answer.json().getInteger("status")).isEqualTo(status);
    assertThat(answer.json().getString("detail")).isNotBlank();
    return answer;
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndTheConnectionCloses() {
    Answer answer = refusedAndClosed("POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: smuggle-1\r\n"
        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    assertThat(answer.header("X-Request-Id")).isEqualTo("smuggle-1");
    assertThat(answer.json().getString("detail")).contains("Content-Length and Transfer-Encoding");
  }

  @Test
  void aTransferCodingOtherThanChunkedIs400AndTheConnectionCloses() {
    for (String coding : new String[] {"gzip", "identity", "xchunked", "chunked, gzip", "gzip, chunked",
        "chunked, chunked"}) {
      refusedAndClosed("POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + coding
          + "\r\n\r\n0\r\n\r\n", 400);
    }
  }

  @Test
  void twoHostLinesAre400() {
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n", 400);
  }

  @Test
  void anUnsupportedVersionIs505AndAMalformedOneIs400() {
    refusedAndClosed("GET /health/live HTTP/1.2\r\nHost: localhost\r\n\r\n", 505);
    refusedAndClosed("GET /health/live HTTP/2.0\r\nHost: localhost\r\n\r\n", 505);
    refusedAndClosed("GET /health/live http/1.1\r\nHost: localhost\r\n\r\n", 400);
    refusedAndClosed("GET /health/live HTTP/1.10\r\nHost: localhost\r\n\r\n", 400);
  }

  @Test
  void http2WithPriorKnowledgeIsNotSpoken() {
    Answer answer = refusedAndClosed("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505);
    assertThat(answer.json().getString("type")).isEqualTo("http-version-not-supported");
  }

  @Test
  void anUpgradeToH2cIsIgnoredAndTheRequestServedInHttp11() {
    // RFC 9110 section 7.8: a server may ignore Upgrade; no 101, and the connection goes on in HTTP/1.1.
    String upgrade = "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\n"
        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n";
    List<Answer> answers = converse(upgrade + NEXT.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    assertThat(answers).extracting(Answer::status).containsExactly(200, 200);
    assertThat(answers).allSatisfy(answer -> assertThat(answer.text()).startsWith("HTTP/1.1 200"));
    assertThat(answers.get(0).header("Upgrade")).isNull();
  }

  @Test
  void aByteOutsideTheUriCharactersInTheTargetIs400() {
    for (String target : new String[] {"/health/live\u0000", "/health/\u0001live", "/health/live\u007f",
        "/health/l\u00e9ve", "/health/live{x}", "/health/live#top", "/health/%zzlive", "/health/live\"x"}) {
      refusedAndClosed("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 400);
    }
    refusedAndClosed("GET /health/live  HTTP/1.1\r\nHost: localhost\r\n\r\n", 400);
  }

  @Test
  void malformedHeaderLinesAre400() {
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Test : spaced\r\n\r\n", 400);
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Test: a\r\n folded\r\n\r\n", 400);
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Test: a\u0000b\r\n\r\n", 400);
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Test: a\rb\r\n\r\n", 400);
    refusedAndClosed("GET /health/live HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
        400);
  }

  @Test
  void aMalformedChunkSizeIs400AndTheConnectionCloses() {
    refusedAndClosed("POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + server.keyA() + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400);
  }

  @Test
  void wellFramedRequestsOnOneConnectionAreAllServed() {
    String chunked = "POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + server.keyA() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n{\"id\"\r\n1;ext=1\r\n:\r\n0\r\nX-Trailer: t\r\n\r\n";
    List<Answer> answers = converse("\r\n" + NEXT + chunked + NEXT.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    assertThat(answers).extracting(Answer::status).containsExactly(200, 400, 200);
    assertThat(answers.get(1).json().getString("type")).isEqualTo("malformed-json");
  }
}
