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

  /**
   * The messages of the text, in order; a last one cut short is left out, and so is everything after a chunked
   * body that cannot be read. Empty lines before a start line are skipped, as RFC 9112 section 2.2 lets a server.
   */
  static List<HttpText> split(String text) {
    List<HttpText> messages = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      while (text.startsWith("\r\n", at)) {
        at += 2;
      }
      int headEnd = text.indexOf("\r\n\r\n", at);
      if (headEnd < 0) {
        break;
      }
      String[] lines = text.substring(at, headEnd).split("\r\n");
      MultiMap headers = headers(lines);
      String length = headers.get("Content-Length");
      int bodyStart = headEnd + 4;
      String coding = headers.get("Transfer-Encoding");
      int bodyEnd = coding != null && coding.trim().equalsIgnoreCase("chunked")
          ? chunkedEnd(text, bodyStart)
          : bodyStart + (length == null ? 0 : Integer.parseInt(length.trim()));
      if (bodyEnd < 0 || bodyEnd > text.length()) {
        break;
      }
      Buffer body = Buffer.buffer(text.substring(bodyStart, bodyEnd).getBytes(StandardCharsets.ISO_8859_1));
      messages.add(new HttpText(lines[0], headers, body));
      at = bodyEnd;
    }
    return messages;
  }

  /** Where a chunked body that starts at the index ends, trailers included; -1 when it is not one. */
  private static int chunkedEnd(String text, int at) {
    while (true) {
      int lineEnd = text.indexOf("\r\n", at);
      if (lineEnd < 0) {
        return -1;
      }
      String size = text.substring(at, lineEnd).split(";", 2)[0].trim();
      int bytes;
      try {
        bytes = Integer.parseInt(size, 16);
      } catch (NumberFormatException e) {
        return -1;
      }
      if (bytes == 0) {
        int trailersEnd = text.startsWith("\r\n", lineEnd + 2) ? lineEnd + 2 : text.indexOf("\r\n\r\n", lineEnd);
        return trailersEnd < 0 ? -1 : trailersEnd + (trailersEnd == lineEnd + 2 ? 2 : 4);
      }
      at = lineEnd + 2 + bytes + 2;
    }
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
