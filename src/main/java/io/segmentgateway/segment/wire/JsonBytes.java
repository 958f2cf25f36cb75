package io.segmentgateway.segment.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing UTF-8 byte array that JSON is written into by hand. Strings are escaped exactly as Vert.x's
 * Jackson generator (JsonObject.toBuffer) escapes them, so that a response written here is byte for byte the
 * one Jackson writes: '"' and '\' escaped, the control characters as \b \t \n \f \r or else \\u00XX (upper-case
 * hex), every surrogate char (paired or not) as \\uXXXX, everything else as plain UTF-8.
 */
final class JsonBytes {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** Per ASCII char: 0 written as is, -1 written as \\u00XX, else the letter after the backslash. */
  private static final byte[] ESCAPES = new byte[128];
  /** The most bytes one char can take: \\uXXXX. */
  private static final int MAX_PER_CHAR = 6;
  private static final int SLICE = 256;

  static {
    Arrays.fill(ESCAPES, 0, 0x20, (byte) -1);
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
  }

  private byte[] bytes;
  private int size;

  JsonBytes(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  int size() {
    return size;
  }

  /** Forgets what was written after size() was mark. */
  void truncate(int mark) {
    size = mark;
  }

  /** Punctuation and member names: ASCII that needs no escaping. */
  JsonBytes ascii(String text) {
    return ascii(text, 0, text.length());
  }

  JsonBytes ascii(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
    return this;
  }

  /** Text that is already JSON as Jackson writes it (ASCII tokens such as numbers and literals). */
  JsonBytes ascii(String text, int from, int to) {
    ensure(to - from);
    for (int i = from; i < to; i++) {
      bytes[size++] = (byte) text.charAt(i);
    }
    return this;
  }

  /** Text that is already JSON as this class writes it (ConstraintsText's output), in UTF-8. */
  JsonBytes utf8(String json) {
    byte[] encoded = json.getBytes(StandardCharsets.UTF_8);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, size, encoded.length);
    size += encoded.length;
    return this;
  }

  JsonBytes bytes(Buffer buffer) {
    int n = buffer.length();
    ensure(n);
    buffer.getBytes(0, n, bytes, size);
    size += n;
    return this;
  }

  JsonBytes bool(boolean value) {
    return ascii(value ? "true" : "false");
  }

  JsonBytes number(long value) {
    if (value == Long.MIN_VALUE) {
      return ascii(Long.toString(value));
    }
    ensure(20);
    if (value < 0) {
      bytes[size++] = '-';
      value = -value;
    }
    int end = size + digits(value);
    int at = end;
    do {
      bytes[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    size = end;
    return this;
  }

  /** The string quoted and escaped, or null. */
  JsonBytes string(String value) {
    if (value == null) {
      return ascii("null");
    }
    ascii('"');
    chars(value, 0, value.length());
    return ascii('"');
  }

  /** Characters inside a string, escaped. */
  JsonBytes chars(String text, int from, int to) {
    // In slices, so that a long string makes room for its worst case a slice at a time, not all at once.
    for (int slice = from; slice < to; slice += SLICE) {
      int end = Math.min(to, slice + SLICE);
      ensure((end - slice) * MAX_PER_CHAR);
      byte[] out = bytes;
      int at = size;
      for (int i = slice; i < end; i++) {
        char c = text.charAt(i);
        if (c < 0x80 && ESCAPES[c] == 0) {
          out[at++] = (byte) c;
        } else {
          at = escaped(c, out, at);
        }
      }
      size = at;
    }
    return this;
  }

  /** One character inside a string, escaped. */
  JsonBytes stringChar(char c) {
    ensure(MAX_PER_CHAR);
    size = escaped(c, bytes, size);
    return this;
  }

  /** What was written, as a String (the bytes are UTF-8). */
  String text() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  Buffer toBuffer() {
    return Buffer.buffer(size).appendBytes(bytes, 0, size);
  }

  /** Writes c at out[at], escaped if need be, and answers where the next byte goes. */
  private static int escaped(char c, byte[] out, int at) {
    if (c < 0x80) {
      byte escape = ESCAPES[c];
      if (escape == 0) {
        out[at++] = (byte) c;
      } else if (escape > 0) {
        out[at++] = '\\';
        out[at++] = escape;
      } else {
        at = unicodeEscape(c, out, at);
      }
    } else if (c < 0x800) {
      out[at++] = (byte) (0xC0 | (c >> 6));
      out[at++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isSurrogate(c)) {
      // Jackson's UTF-8 generator escapes each half rather than writing the 4-byte sequence.
      at = unicodeEscape(c, out, at);
    } else {
      out[at++] = (byte) (0xE0 | (c >> 12));
      out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      out[at++] = (byte) (0x80 | (c & 0x3F));
    }
    return at;
  }

  private static int unicodeEscape(char c, byte[] out, int at) {
    out[at++] = '\\';
    out[at++] = 'u';
    out[at++] = HEX[c >> 12];
    out[at++] = HEX[(c >> 8) & 0xF];
    out[at++] = HEX[(c >> 4) & 0xF];
    out[at++] = HEX[c & 0xF];
    return at;
  }

  private static int digits(long value) {
    int count = 1;
    for (long limit = 10; count < 19 && value >= limit; limit *= 10) {
      count++;
    }
    return count;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
