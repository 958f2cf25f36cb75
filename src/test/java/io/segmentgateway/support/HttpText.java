package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 messages one after another in a text, as written on or read from a socket, each with a body of
 * Content-Length bytes: what RawHttp needs to pair the answers on a connection with the requests.
 */
record HttpText(String startLine, MultiMap headers, Buffer body) {

  /** The messages of the text, in order; a last one cut short is left out. */
  static List<HttpText> split(String text) {
    List<HttpText> messages = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int headEnd = text.indexOf("\r\n\r\n", at);
      if (headEnd < 0) {
        break;
      }
      String[] lines = text.substring(at, headEnd).split("\r\n");
      MultiMap headers = headers(lines);
      String length = headers.get("Content-Length");
      int bodyStart = headEnd + 4;
      int bodyEnd = bodyStart + (length == null ? 0 : Integer.parseInt(length.trim()));
      if (bodyEnd > text.length()) {
        break;
      }
      Buffer body = Buffer.buffer(text.substring(bodyStart, bodyEnd).getBytes(StandardCharsets.ISO_8859_1));
      messages.add(new HttpText(lines[0], headers, body));
      at = bodyEnd;
    }
    return messages;
  }

  /** The start line of the text alone (the whole text when it has no line end). */
  static HttpText startOf(String text) {
    int end = text.indexOf("\r\n");
    return new HttpText(end < 0 ? text : text.substring(0, end), MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
  }

  /** The header lines after the start line; a line without a colon is left out. */
  static MultiMap headers(String[] lines) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    return headers;
  }

  /** The status of a response's start line ("HTTP/1.1 404 Not Found"). */
  int status() {
    return Integer.parseInt(startLine.split(" ")[1]);
  }

  /** The method of a request's start line ("GET /path HTTP/1.1"), as written. */
  String method() {
    return startLine.split(" ", 3)[0];
  }

  /** The request target of a request's start line; "" when the line has none. */
  String target() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }
}
