package io.segmentgateway.segment.validation;

import java.util.List;
import java.util.Map;

/**
 * Writes generated bodies as JSON text, so that the tests decode them exactly as the service does. A Raw
 * number is written as given (1E400, -0.0, 5.0, 9223372036854775808): texts no Java value encodes to.
 */
final class JsonText {

  /** A number literal written verbatim. */
  record Raw(String text) {
  }

  private JsonText() {
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> member : ((Map<String, Object>) value).entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object item : (List<Object>) value) {
        out.append(first ? "" : ",");
        first = false;
        write(item, out);
      }
      out.append(']');
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Raw) {
      out.append(((Raw) value).text());
    } else {
      out.append(value);
    }
  }

  /** Surrogates always as \\u escapes: a lone one has no UTF-8 form, and pairs test the decoder's joining. */
  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
