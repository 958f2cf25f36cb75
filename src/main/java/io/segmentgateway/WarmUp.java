package io.segmentgateway;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.http.JsonBody;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The "warm-up" command: walks the start-up path and a few requests in-process, then stops, so that
 * {@code java -XX:ArchiveClassesAtExit=segment-gateway.jsa -jar segment-gateway.jar warm-up} writes a class data
 * sharing archive of nearly every class a start loads. A service started with
 * {@code -XX:SharedArchiveFile=segment-gateway.jsa} maps them instead of loading and verifying them one by one:
 * it is ready in about 60 % of the time. It changes no database: the schema is only inspected, and the requests
 * carry an unknown key. It works without a database too, but the archive then lacks the classes of the schema
 * check and of the connections (start-up gains less).
 */
final class WarmUp {

  /** A typical PATCH body: the validator and the JSON parser load their classes on it. */
  private static final String BODY = "{\"id\":\"seg_warmup\",\"name\":\"Android phones in Poland\",\"constraints\":["
      + "{\"type\":\"AND\",\"constraints\":[{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"},"
      + "{\"field\":\"lastSession\",\"relation\":\">=\",\"value\":1771000000000}]},"
      + "{\"type\":\"OR\",\"constraints\":[{\"field\":\"tags\",\"relation\":\"contains\",\"value\":\"beta\"}]}]}";

  /** Well-formed and unknown: the key lookup runs, and the answer is a 401. */
  private static final String KEY = "sgk_" + "0".repeat(32);

  private WarmUp() {
  }

  static int run(AppConfig config, PrintStream err) {
    Migrations.Schema schema = Migrations.inspect(config.db());
    if (schema == Migrations.Schema.UNREACHABLE) {
      err.println("warm-up: no database answers at " + config.db().host() + ":" + config.db().port()
          + "; the archive will lack the classes of the schema check and of the connections");
    }
    SegmentValidator.create().checkPatch(JsonBody.parse(Buffer.buffer(BODY)));
    Server server = Server.listen(config.withPort(0));
    try {
      int port = server.port();
      request(port, "GET", "/health/live", "", "");
      request(port, "GET", "/health/ready", "", "");
      request(port, "PATCH", "/v1/segments", "", "{}");
      // The key lookup reads api_keys: only where the schema has it (a database without is not migrated here).
      // Both PATCHes stop before validation (no key, an unknown key): the validator ran on BODY above.
      if (schema == Migrations.Schema.CURRENT) {
        request(port, "PATCH", "/v1/segments", "Authorization: Bearer " + KEY + "\r\n", BODY);
      }
      err.println("warm-up done");
      return 0;
    } catch (IOException e) {
      err.println("warm-up failed: " + e);
      return 1;
    } finally {
      server.close();
    }
  }

  /** One request on its own connection, read to the end (the server closes it after the response). */
  private static void request(int port, String method, String path, String headers, String body) throws IOException {
    String text = method + " " + path + " HTTP/1.1\r\nHost: warm-up\r\nConnection: close\r\n" + headers
        + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
        + "\r\n" + body;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      if (response.size() == 0) {
        throw new IOException("no response to " + method + " " + path);
      }
    }
  }
}
