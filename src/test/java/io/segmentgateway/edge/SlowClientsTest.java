package io.segmentgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Clients that take their time: a head that does not arrive within the head deadline, or a body slower than the
 * minimum pace, is answered 408 and its connection closed; a kept-alive connection left idle is closed; a body
 * that is slow but keeps the pace is served. Deadlines of a second here (conf/config.json has the defaults).
 */
class SlowClientsTest extends ApiTest {

  @Override
  protected AppConfig configure(AppConfig config) {
    AppConfig.Edge edge = config.edge();
    return config.withEdge(new AppConfig.Edge(edge.maxConnections(), 1000, 1000, 100, 1500,
        edge.drainLingerMillis(), edge.drainQuiesceMillis()));
  }

  private Socket open() throws IOException {
    Socket socket = new Socket("localhost", server.server().port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** All the server sends until it closes the connection (a read timeout fails the test). */
  private static String untilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static JsonObject problemOf(String answer) {
    return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void aHeadThatTrickles() throws IOException {
    try (Socket socket = open()) {
      send(socket, "GET /health/live HTTP/1.1\r\nHo");
      Pause.sleep(300);
      send(socket, "st: loc");
      String answer = untilClosed(socket);
      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close", "X-Request-Id: ");
      assertThat(problemOf(answer).getString("type")).isEqualTo("request-timeout");
    }
  }

  @Test
  void aBodySlowerThanTheMinimumPaceIs408() throws IOException {
    try (Socket socket = open()) {
      send(socket, "PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + server.keyA()
          + "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\": ");
      String answer = untilClosed(socket);
      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close");
      assertThat(problemOf(answer).getString("detail")).contains("100 bytes a second");
    }
  }

  @Test
  void aSlowBodyThatKeepsThePaceIsServed() throws IOException {
    String body = "{\"id\": \"seg_missing\", \"name\": \"" + "n".repeat(150) + "\"}";
    try (Socket socket = open()) {
      send(socket, "PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + server.keyA()
          + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n");
      for (int i = 0; i < body.length(); i += 60) {
        send(socket, body.substring(i, Math.min(body.length(), i + 60)));
        Pause.sleep(400);
      }
      assertThat(untilClosed(socket)).startsWith("HTTP/1.1 404 ");
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosed() throws IOException {
    try (Socket socket = open()) {
      send(socket, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
      String answer = untilClosed(socket);
      assertThat(answer).startsWith("HTTP/1.1 200 ").doesNotContain("Connection: close");
    }
  }
}
