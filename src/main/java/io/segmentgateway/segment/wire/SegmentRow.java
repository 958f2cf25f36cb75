package io.segmentgateway.segment.wire;

import io.vertx.core.json.Json;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A segments row as plain values, what {@link SegmentWriter} encodes.
 *
 * @param constraints the stored constraints as JSON text: PostgreSQL's text form of the jsonb column
 * @param createdAt Unix milliseconds
 * @param updatedAt Unix milliseconds
 */
public record SegmentRow(String id, String name, String description, String constraints, long version,
    long createdAt, long updatedAt) {

  /**
   * Reads the columns of SegmentRepository.WIRE_COLUMNS, by position (columns after them are ignored); also
   * rows that carry the jsonb column itself, whose constraints the client has already decoded.
   */
  public static SegmentRow of(Row row) {
    return new SegmentRow(
        row.getString(0),
        row.getString(1),
        row.getString(2),
        constraintsText(row.getValue(3)),
        row.getLong(4),
        millis(row.getOffsetDateTime(5)),
        millis(row.getOffsetDateTime(6)));
  }

  /** The column's text as it is, or a decoded jsonb value encoded again (in jsonb's member order). */
  static String constraintsText(Object column) {
    return column instanceof String ? (String) column : Json.encode(column);
  }

  static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
