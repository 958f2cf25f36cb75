package io.segmentgateway.segment.wire;

import io.vertx.core.json.Json;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A segments row as plain values, what {@link SegmentWriter} encodes.
 *
 * @param constraints the stored constraints as JSON text: PostgreSQL's text form of the jsonb column, or when
 *     canonical, the text that the statement stored (ConstraintsText), which is already the wire form
 * @param createdAt Unix milliseconds
 * @param updatedAt Unix milliseconds
 */
public record SegmentRow(String id, String name, String description, String constraints, long version,
    long createdAt, long updatedAt, boolean canonical) {

  /** A row whose constraints are jsonb's text. */
  public SegmentRow(String id, String name, String description, String constraints, long version, long createdAt,
      long updatedAt) {
    this(id, name, description, constraints, version, createdAt, updatedAt, false);
  }

  /**
   * Reads the columns of SegmentRepository.WIRE_COLUMNS, by position (columns after them are ignored); also
   * rows that carry the jsonb column itself, whose constraints the client has already decoded.
   */
  public static SegmentRow of(Row row) {
    return of(row, null);
  }

  /**
   * The same, for a statement that did not return the constraints it stored (a null column): sent is the text it
   * stored (ConstraintsText), which the response then copies as it is. A statement returns them only when the
   * request did not send them: PostgreSQL then writes no jsonb text and the client decodes none.
   */
  public static SegmentRow of(Row row, String sent) {
    Object column = row.getValue(3);
    return new SegmentRow(
        row.getString(0),
        row.getString(1),
        row.getString(2),
        column == null ? sent : constraintsText(column),
        row.getLong(4),
        millis(row.getOffsetDateTime(5)),
        millis(row.getOffsetDateTime(6)),
        column == null);
  }

  /** The column's text as it is, or a decoded jsonb value encoded again (in jsonb's member order). */
  static String constraintsText(Object column) {
    return column instanceof String ? (String) column : Json.encode(column);
  }

  static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
