package io.segmentgateway.http;

import io.vertx.core.buffer.Buffer;

/**
 * JSON between systems is UTF-8 (RFC 8259 §8.1), and only UTF-8 is read: Jackson would detect UTF-16 and UTF-32
 * from the first bytes and decode them, so that something in front that reads the body as UTF-8 would see other
 * characters than the service acts on. Text that is not UTF-8 shows in the first four bytes: a byte order mark, or
 * a zero byte (the first character of a JSON text is ASCII; in UTF-16 and UTF-32 it comes with zero bytes).
 */
final class Utf8Only {

  private Utf8Only() {
  }

  /** Why the body is not UTF-8 as this service reads it, or null. */
  static String otherEncoding(Buffer body) {
    int length = body.length();
    int b0 = length > 0 ? body.getUnsignedByte(0) : -1;
    int b1 = length > 1 ? body.getUnsignedByte(1) : -1;
    if (b0 == 0xEF && b1 == 0xBB && length > 2 && body.getUnsignedByte(2) == 0xBF) {
      return "the body starts with a byte order mark; send UTF-8 without one";
    }
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
      return "the body is UTF-16 or UTF-32 (it starts with a byte order mark); send UTF-8";
    }
    for (int i = 0; i < Math.min(4, length); i++) {
      if (body.getByte(i) == 0) {
        return "the body is not UTF-8 (a zero byte among its first four: UTF-16 or UTF-32); send UTF-8";
      }
    }
    return null;
  }

  /** The charset parameter of a Content-Type (unquoted), or null when it has none. */
  static String charset(String contentType) {
    int semicolon = contentType.indexOf(';');
    while (semicolon >= 0) {
      int next = contentType.indexOf(';', semicolon + 1);
      String parameter = contentType.substring(semicolon + 1, next < 0 ? contentType.length() : next).trim();
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
        String value = parameter.substring(equals + 1).trim();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
      semicolon = next;
    }
    return null;
  }
}
