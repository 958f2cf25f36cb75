package io.segmentgateway.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's text form of a jsonb value (what {@code constraints::text} returns), written without a
 * database, for benchmarks: object keys shortest first then by bytes, ", " and ": " between items, control
 * characters escaped with lower-case hex and nothing else beyond '"' and '\'. ResponseEncodingTest checks it
 * against PostgreSQL itself.
 */
public final class JsonbText {

  private static final Comparator<String> JSONB_KEY_ORDER = Comparator
      .comparingInt((String key) -> utf8(key).length)
      .thenComparing(JsonbText::utf8, Arrays::compareUnsigned);

  private JsonbText() {
  }

  public static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, StringBuilder out) {
    if (value instanceof JsonObject) {
      value = ((JsonObject) value).getMap();
    } else if (value instanceof JsonArray) {
      value = ((JsonArray) value).getList();
    }
    if (value instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) value;
      List<String> keys = new ArrayList<>(map.keySet());
      keys.sort(JSONB_KEY_ORDER);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        string(keys.get(i), out);
        out.append(": ");
        write(map.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
        || value instanceof Boolean || value == null) {
      out.append(value);
    } else if (value instanceof Double) {
      out.append(BigDecimal.valueOf((Double) value).toPlainString());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
