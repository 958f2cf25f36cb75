package io.segmentgateway.segment.validation;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON as people read it in a repository: two-space indent, "key": value, short scalar arrays
 * packed onto lines. Stable output, so that regenerated schema files diff cleanly.
 */
final class JsonPrinter {

  private static final int WIDTH = 100;

  private JsonPrinter() {
  }

  static String print(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, "", out);
    return out.append('\n').toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(Object value, String indent, StringBuilder out) {
    Map<String, Object> object = JsonValues.object(value);
    List<Object> array = JsonValues.array(value);
    if (object != null) {
      writeObject(object, indent, out);
    } else if (array != null) {
      writeArray(array, indent, out);
    } else {
      out.append(scalar(value));
    }
  }

  private static void writeObject(Map<String, Object> object, String indent, StringBuilder out) {
    if (object.isEmpty()) {
      out.append("{}");
      return;
    }
    boolean scalars = object.values().stream().allMatch(JsonPrinter::isScalar);
    if (scalars) {
      StringBuilder oneLine = new StringBuilder("{");
      for (Map.Entry<String, Object> member : object.entrySet()) {
        oneLine.append(oneLine.length() > 1 ? ", " : "").append(scalar(member.getKey())).append(": ")
          .append(scalar(member.getValue()));
      }
      oneLine.append('}');
      if (indent.length() + oneLine.length() <= WIDTH / 2) {
        out.append(oneLine);
        return;
      }
    }
    String inner = indent + "  ";
    out.append("{\n");
    int i = 0;
    for (Map.Entry<String, Object> member : object.entrySet()) {
      out.append(inner).append(scalar(member.getKey())).append(": ");
      write(member.getValue(), inner, out);
      out.append(++i < object.size() ? ",\n" : "\n");
    }
    out.append(indent).append('}');
  }

  private static void writeArray(List<Object> array, String indent, StringBuilder out) {
    boolean scalars = array.stream().allMatch(JsonPrinter::isScalar);
    String inner = indent + "  ";
    if (scalars) {
      String oneLine = "[" + String.join(", ", array.stream().map(JsonPrinter::scalar).toList()) + "]";
      if (indent.length() + oneLine.length() <= WIDTH) {
        out.append(oneLine);
        return;
      }
      out.append("[\n").append(inner);
      int column = inner.length();
      for (int i = 0; i < array.size(); i++) {
        String item = scalar(array.get(i)) + (i + 1 < array.size() ? "," : "");
        if (column > inner.length() && column + 1 + item.length() > WIDTH) {
          out.append('\n').append(inner);
          column = inner.length();
        } else if (column > inner.length()) {
          out.append(' ');
          column++;
        }
        out.append(item);
        column += item.length();
      }
      out.append('\n').append(indent).append(']');
      return;
    }
    out.append("[\n");
    for (int i = 0; i < array.size(); i++) {
      out.append(inner);
      write(array.get(i), inner, out);
      out.append(i + 1 < array.size() ? ",\n" : "\n");
    }
    out.append(indent).append(']');
  }

  private static boolean isScalar(Object value) {
    return JsonValues.object(value) == null && JsonValues.array(value) == null;
  }

  static String scalar(Object value) {
    if (value instanceof String) {
      return string((String) value);
    }
    return String.valueOf(value);
  }

  private static String string(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }
}
