package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies are UTF-8 only (RFC 8259 §8.1): UTF-16 and UTF-32, with or without a byte order mark, and UTF-8 with one,
 * are a 400 and change nothing; a charset other than utf-8 is a 415.
 */
class Utf8OnlyTest extends ApiTest {

  private String id;

  @BeforeAll
  void segment() {
    id = createSegment(newSegment("before")).getString("id");
  }

  private Reply patch(byte[] body, String contentType) {
    return TestServer.await(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body)));
  }

  private String name() {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json().getString("name");
  }

  @Test
  void utf16AndUtf32WithOrWithoutAByteOrderMarkAre400AndChangeNothing() {
    String json = "{\"id\": \"" + id + "\", \"name\": \"after\"}";
    byte[][] bodies = {
        bytes(json, StandardCharsets.UTF_16LE, null),
        bytes(json, StandardCharsets.UTF_16BE, null),
        bytes(json, StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}),
        bytes(json, StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}),
        bytes(json, Charset.forName("UTF-32LE"), null),
        bytes(json, Charset.forName("UTF-32BE"), null),
        bytes(json, Charset.forName("UTF-32LE"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
        bytes(json, Charset.forName("UTF-32BE"), new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}),
        bytes(json, StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})};
    for (byte[] body : bodies) {
      Reply reply = patch(body, "application/json");
      assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
      assertThat(reply.json().getString("type")).isEqualTo("malformed-json");
      assertThat(reply.json().getString("detail")).contains("UTF-8");
    }
    assertThat(name()).isEqualTo("before");
  }

  @Test
  void aCharsetOtherThanUtf8Is415() {
    byte[] body = ("{\"id\": \"" + id + "\", \"name\": \"after\"}").getBytes(StandardCharsets.UTF_8);
    for (String type : new String[] {"application/json; charset=utf-16", "application/json;charset=\"ISO-8859-1\"",
        "application/json; charset=utf8"}) {
      Reply reply = patch(body, type);
      assertThat(reply.status()).as(type).isEqualTo(415);
      assertThat(reply.json().getString("detail")).contains("UTF-8");
    }
    assertThat(name()).isEqualTo("before");
    Reply utf8 = patch(body, "application/json; charset=\"UTF-8\"");
    assertThat(utf8.status()).as(utf8.toString()).isEqualTo(200);
    assertThat(name()).isEqualTo("after");
    assertThat(patch(("{\"id\": \"" + id + "\", \"name\": \"before\"}").getBytes(StandardCharsets.UTF_8),
        "application/json").status()).isEqualTo(200);
  }

  private static byte[] bytes(String text, Charset charset, byte[] bom) {
    byte[] encoded = text.getBytes(charset);
    if (bom == null) {
      return encoded;
    }
    byte[] all = new byte[bom.length + encoded.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(encoded, 0, all, bom.length, encoded.length);
    return all;
  }
}
