package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Requests the WebClient does not make: a chunked body without Content-Length, bytes that are not HTTP. Every
 * answer is checked against openapi.json, as the WebClient's are (answers to bytes that are not a readable
 * request, by the document's UnreadableRequest).
 */
public final class RawHttp {

  private RawHttp() {
  }

  public static Reply sendChunked(TestServer server, String key, String path, Buffer body) {
    HttpClientAgent client = server.server().vertx().createHttpClient();
    try {
      Reply reply = client.request(HttpMethod.POST, server.server().port(), "localhost", path)
          .compose(request -> {
            request.setChunked(true)
                .putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "Bearer " + key);
            return request.send(body);
          })
          .compose(response -> response.body()
              .map(b -> new Reply(response.statusCode(),
                  MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), b)))
          .await(30, TimeUnit.SECONDS);
      OpenApiContract.get().check(HttpMethod.POST, path, reply.status(), reply.headers(), reply.body());
      return reply;
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    } finally {
      close(client);
    }
  }

  /**
   * Writes the bytes as they are on a new connection and reads one answer: status line, headers, and a body of
   * Content-Length bytes (or up to the connection's end).
   */
  public static Reply exchange(TestServer server, byte[] request) {
    try (Socket socket = new Socket("localhost", server.server().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      MultiMap headers = HttpText.headers(lines);
      String length = headers.get("Content-Length");
      byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
      Reply reply = new Reply(status, headers, Buffer.buffer(body));
      check(HttpText.startOf(new String(request, StandardCharsets.ISO_8859_1)), reply.status(), headers, reply.body());
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the text on a new connection and returns everything the server sends until it closes it. */
  public static String converse(TestServer server, String requests) {
    try (Socket socket = new Socket("localhost", server.server().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      List<HttpText> sent = HttpText.split(requests);
      List<HttpText> received = HttpText.split(answers);
      for (int i = 0; i < Math.min(sent.size(), received.size()); i++) {
        HttpText answer = received.get(i);
        check(sent.get(i), answer.status(), answer.headers(), answer.body());
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Reply exchange(TestServer server, String request) {
    return exchange(server, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void check(HttpText request, int status, MultiMap headers, Buffer body) {
    OpenApiContract.get().checkRaw(HttpMethod.valueOf(request.method()), request.target(), status, headers, body);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("the connection closed before a whole answer head: " + head);
      }
      head.append((char) b);
    }
    return head.substring(0, head.length() - 4);
  }

  private static void close(HttpClient client) {
    client.close().await();
  }
}
