package io.segmentgateway.segment.wire;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Writes segment responses straight into bytes: the members in the documented order, the stored constraints
 * copied from their text (see {@link StoredConstraints}) instead of decoded into a tree and encoded again. The
 * bytes are those JsonObject.toBuffer() gives for {@link SegmentJson#toJson}, to the byte.
 */
public final class SegmentWriter {

  /** Room for the members around the strings, so that a typical segment needs no second array. */
  private static final int OVERHEAD = 160;

  private SegmentWriter() {
  }

  /** {id, name, description, constraints, version, createdAt, updatedAt}, then warnings when there are any. */
  public static Buffer segment(SegmentRow row, List<BodyProblem> warnings) {
    return segment(row, warnings, null);
  }

  /**
   * The same, then the expression when it is not null; without id when the row has none (a dry-run create that
   * leaves the id to the server).
   */
  public static Buffer segment(SegmentRow row, List<BodyProblem> warnings, String expression) {
    JsonBytes out = new JsonBytes(estimate(row) + (expression == null ? 0 : 16 + expression.length() * 2));
    write(row, warnings, expression, out);
    return out.toBuffer();
  }

  /** {"items": [segments], "next": cursor or null} */
  public static Buffer page(List<SegmentRow> rows, String next) {
    int size = OVERHEAD;
    for (SegmentRow row : rows) {
      size += estimate(row);
    }
    JsonBytes out = new JsonBytes(size);
    out.ascii("{\"items\":[");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        out.ascii(',');
      }
      write(rows.get(i), List.of(), null, out);
    }
    out.ascii("],\"next\":")
        .string(next)
        .ascii('}');
    return out.toBuffer();
  }

  private static void write(SegmentRow row, List<BodyProblem> warnings, String expression, JsonBytes out) {
    out.ascii('{');
    if (row.id() != null) {
      out.ascii("\"id\":")
          .string(row.id())
          .ascii(',');
    }
    out.ascii("\"name\":")
        .string(row.name())
        .ascii(",\"description\":")
        .string(row.description())
        .ascii(",\"constraints\":");
    if (row.canonical()) {
      out.utf8(row.constraints());
    } else {
      StoredConstraints.write(row.constraints(), out);
    }
    out.ascii(",\"version\":")
        .number(row.version())
        .ascii(",\"createdAt\":")
        .number(row.createdAt())
        .ascii(",\"updatedAt\":")
        .number(row.updatedAt());
    Warnings.write(warnings, out);
    if (expression != null) {
      out.ascii(",\"expression\":")
          .string(expression);
    }
    out.ascii('}');
  }

  /** jsonb's text has more spaces than the wire, which makes up for the few characters written as escapes. */
  private static int estimate(SegmentRow row) {
    return OVERHEAD + length(row.id()) + length(row.name()) + length(row.description()) + length(row.constraints());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }
}
