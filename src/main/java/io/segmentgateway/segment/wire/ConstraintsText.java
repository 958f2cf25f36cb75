package io.segmentgateway.segment.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The canonical constraints tree the validator built, as the JSON text the statements store (bound as text and
 * cast to jsonb). Written by hand: the tree holds only what a valid body can (objects, arrays, strings, numbers,
 * booleans, null), and Jackson's generator set-up per call cost more than the writing itself on the PATCH path.
 */
public final class ConstraintsText {

  private ConstraintsText() {
  }

  /** null for null (the member was not sent). */
  public static String of(JsonArray constraints) {
    if (constraints == null) {
      return null;
    }
    JsonBytes out = new JsonBytes(256);
    value(constraints, out);
    return out.text();
  }

  private static void value(Object value, JsonBytes out) {
    if (value == null) {
      out.ascii("null");
    } else if (value instanceof String) {
      out.string((String) value);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      out.number(((Number) value).longValue());
    } else if (value instanceof Number || value instanceof Boolean) {
      // Doubles, BigDecimal, BigInteger: their toString() is a JSON number (a JSON body never holds NaN).
      out.ascii(value.toString());
    } else if (value instanceof JsonArray) {
      array(((JsonArray) value).getList(), out);
    } else if (value instanceof List) {
      array((List<?>) value, out);
    } else if (value instanceof JsonObject) {
      object(((JsonObject) value).getMap(), out);
    } else if (value instanceof Map) {
      object((Map<?, ?>) value, out);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void array(List<?> items, JsonBytes out) {
    out.ascii('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.ascii(',');
      }
      value(items.get(i), out);
    }
    out.ascii(']');
  }

  private static void object(Map<?, ?> members, JsonBytes out) {
    out.ascii('{');
    boolean first = true;
    for (Map.Entry<?, ?> member : members.entrySet()) {
      if (!first) {
        out.ascii(',');
      }
      first = false;
      out.string(String.valueOf(member.getKey())).ascii(':');
      value(member.getValue(), out);
    }
    out.ascii('}');
  }
}
