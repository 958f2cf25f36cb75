package io.segmentgateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.RawHttp;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One access-log line per request, read from the server's access-log file: the fields, and never the key or the
 * body. A line reads "<time> INFO  [<thread>] <logger> <request id> - <method> <route> <status> <ms> ms[ app=<app>]".
 */
class AccessLogTest extends ApiTest {

  private static final Pattern LINE = Pattern.compile("\\S+ INFO  \\[[^]]+] i\\.segmentgateway\\.telemetry\\.AccessLog"
      + " (\\S+) - (\\S+) (\\S+) (\\d{3}) (\\S+) ms(?: app=(\\S+))?");

  /** One parsed line: its request id, its message and its fields. */
  private record Line(String requestId, String message, Map<String, String> fields) {
  }

  private static String newRequestId() {
    return "t-" + UUID.randomUUID();
  }

  /** The lines written for one request id; a line is written once the response is, so it may lag the client. */
  private List<Line> linesFor(String requestId) throws InterruptedException {
    List<Line> found = List.of();
    for (int i = 0; i < 200 && found.isEmpty(); i++) {
      Thread.sleep(i == 0 ? 0 : 25);
      found = server.accessLogLines().stream()
          .map(AccessLogTest::parse)
          .filter(line -> requestId.equals(line.requestId()))
          .collect(Collectors.toList());
    }
    return found;
  }

  private static Line parse(String text) {
    Matcher m = LINE.matcher(text);
    assertThat(m.matches()).as("an access-log line: %s", text).isTrue();
    Map<String, String> fields = new HashMap<>();
    fields.put("method", m.group(2));
    fields.put("route", m.group(3));
    fields.put("status", m.group(4));
    fields.put("durationMs", m.group(5));
    if (m.group(6) != null) {
      fields.put("app", m.group(6));
    }
    return new Line(m.group(1), text.substring(text.indexOf(" - ") + 3), fields);
  }

  private static Map<String, String> fields(Line line) {
    return line.fields();
  }

  private Reply sendWithId(String requestId, String key, HttpMethod method, String uri, JsonObject body) {
    HttpRequest<Buffer> request = server.as(key, method, uri).putHeader("X-Request-Id", requestId);
    return body == null ? server.send(request) : server.sendJson(request, body);
  }

  @Test
  void anAuthenticatedRequestIsOneLineWithItsTemplateStatusDurationAndApp() throws InterruptedException {
    String id = createSegment(newSegment("logged")).getString("id");
    String requestId = newRequestId();
    assertThat(sendWithId(requestId, server.keyA(), HttpMethod.GET, "/v1/segments/" + id + "?probe=1", null).status())
        .isEqualTo(200);

    List<Line> found = linesFor(requestId);
    assertThat(found).hasSize(1);
    Map<String, String> fields = fields(found.get(0));
    assertThat(fields).containsEntry("method", "GET")
        .containsEntry("route", "/v1/segments/:id")
        .containsEntry("status", "200")
        .containsEntry("app", TestServer.APP_A);
    assertThat(Double.parseDouble(fields.get("durationMs"))).isPositive();
    assertThat(found.get(0).message())
        .startsWith("GET /v1/segments/:id 200 ")
        .doesNotContain(id, "probe");
  }

  @Test
  void aFailedRequestIsLoggedWithoutTheKeyOrTheBody() throws InterruptedException {
    String requestId = newRequestId();
    JsonObject body = new JsonObject().put("id", "seg_abc").put("name", "SecretName").put("bogus", true);
    assertThat(sendWithId(requestId, server.keyA(), HttpMethod.PATCH, "/v1/segments", body).status()).isEqualTo(400);

    List<Line> found = linesFor(requestId);
    assertThat(found).hasSize(1);
    assertThat(fields(found.get(0))).containsEntry("route", "/v1/segments").containsEntry("status", "400");
    String everything = found.get(0).message() + fields(found.get(0)) + found.get(0).requestId();
    assertThat(everything).doesNotContain(server.keyA(), "SecretName", "seg_abc");
  }

  @Test
  void anUnauthenticatedRequestHasNoAppAndNeverTheKeyItSent() throws InterruptedException {
    String wrongKey = "sgk_" + "C".repeat(32);
    String requestId = newRequestId();
    assertThat(sendWithId(requestId, wrongKey, HttpMethod.GET, "/v1/segments", null).status()).isEqualTo(401);

    List<Line> found = linesFor(requestId);
    assertThat(found).hasSize(1);
    assertThat(fields(found.get(0))).containsEntry("status", "401").doesNotContainKey("app");
    assertThat(found.get(0).message() + fields(found.get(0))).doesNotContain(wrongKey);
  }

  @Test
  void aPathThatDoesNotDecodeIsLoggedAsUnmatched() throws InterruptedException {
    String requestId = newRequestId();
    Reply reply = RawHttp.exchange(server, "GET /v1/segments/%zz HTTP/1.1\r\nHost: localhost\r\n"
        + "X-Request-Id: " + requestId + "\r\nConnection: close\r\n\r\n");
    assertThat(reply.status()).isEqualTo(400);

    List<Line> found = linesFor(requestId);
    assertThat(found).hasSize(1);
    assertThat(fields(found.get(0))).containsEntry("route", "unmatched").containsEntry("status", "400");
  }

  @Test
  void everyRequestGetsExactlyOneLine() throws InterruptedException {
    String[] paths = {"/health/live", "/openapi.json", "/metrics", "/no/such/path", "/v1/segments"};
    for (String path : paths) {
      String requestId = newRequestId();
      sendWithId(requestId, server.keyB(), HttpMethod.GET, path, null);
      List<Line> found = linesFor(requestId);
      assertThat(found).as(path).hasSize(1);
      String route = fields(found.get(0)).get("route");
      assertThat(route).as(path).isEqualTo(path.equals("/no/such/path") ? "unmatched" : path);
    }
  }
}
