package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * The constraints as one line of text in the public documentation's own shape, unambiguous because strings are
 * JSON strings: {@code (deviceManufacturer == "Xiaomi" AND deviceModel == "Redmi Note XXXXX") AND (osVersion ==
 * "13")}. Each group in parentheses, groups joined by AND, conditions by their group's type; numbers bare;
 * {@code field exists} and {@code field not exists}; no groups at all is {@code true}.
 */
public final class Expression {

  private static final String EVERY_DEVICE = "true";

  private Expression() {
  }

  /** canonical: constraints as the validator returns them or as they are stored (jsonb's text, decoded). */
  public static String of(JsonArray canonical) {
    List<Object> groups = canonical.getList();
    if (groups.isEmpty()) {
      return EVERY_DEVICE;
    }
    StringBuilder out = new StringBuilder(64 * groups.size());
    for (int g = 0; g < groups.size(); g++) {
      Map<String, Object> group = JsonValues.object(groups.get(g));
      String joint = " " + group.get("type") + " ";
      out.append(g == 0 ? "(" : " AND (");
      List<Object> conditions = JsonValues.array(group.get("constraints"));
      for (int c = 0; c < conditions.size(); c++) {
        if (c > 0) {
          out.append(joint);
        }
        condition(Condition.of(conditions.get(c)), out);
      }
      out.append(')');
    }
    return out.toString();
  }

  private static void condition(Condition condition, StringBuilder out) {
    out.append(condition.field().name());
    if (condition.relation() == Relation.EXISTS) {
      out.append(Boolean.TRUE.equals(condition.value()) ? " exists" : " not exists");
      return;
    }
    out.append(' ')
      .append(condition.relation().canonical())
      .append(' ');
    Object value = condition.value();
    if (value instanceof String) {
      quote((String) value, out);
    } else {
      out.append(value);
    }
  }

  /** A JSON string, escaped as Jackson escapes it: quote, backslash and control characters, nothing else. */
  static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
