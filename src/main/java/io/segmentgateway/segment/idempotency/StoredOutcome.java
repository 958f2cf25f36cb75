package io.segmentgateway.segment.idempotency;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.sqlclient.Row;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * A key's record as read back: which request made it (the fingerprint) and what that request was answered, from
 * which the answer is rendered again, by the same writer, to the same bytes.
 *
 * @param status 200 (PATCH), 201 (POST) or 204 (DELETE)
 * @param segment the segment as the write returned it; null for a DELETE
 * @param warnings the answer's warnings as JSON text, null for none
 */
public record StoredOutcome(byte[] fingerprint, int status, SegmentRow segment, String warnings) {

  /** The columns IdempotencyRecords.FIND reads, in this order. */
  static final String COLUMNS = "fingerprint, status, segment_id, name, description, constraints, version,"
      + " segment_created_at, segment_updated_at, constraints_canonical, warnings";

  static StoredOutcome of(Row row) {
    String id = row.getString(2);
    SegmentRow segment = id == null ? null : new SegmentRow(id, row.getString(3), row.getString(4),
        row.getString(5), row.getLong(6), millis(row.getOffsetDateTime(7)), millis(row.getOffsetDateTime(8)),
        row.getBoolean(9));
    return new StoredOutcome(row.getBuffer(0).getBytes(), row.getShort(1), segment, row.getString(10));
  }

  /**
   * The outcome with the constraints the request sent, which its record does not keep (RecordedWrites): sent makes
   * their canonical text from the retry's body, the same bytes as the first request's; asked only when needed.
   */
  public StoredOutcome withSent(Supplier<String> sentConstraints) {
    if (segment == null || segment.constraints() != null) {
      return this;
    }
    String sent = sentConstraints.get();
    if (sent == null) {
      throw new IllegalStateException("a record without constraints answers only a request that sent them");
    }
    SegmentRow whole = new SegmentRow(segment.id(), segment.name(), segment.description(), sent, segment.version(),
        segment.createdAt(), segment.updatedAt(), true);
    return new StoredOutcome(fingerprint, status, whole, warnings);
  }

  /** Whether the request that made the record is this one (method, path and body). */
  public boolean sameRequest(KeyedWrite write) {
    return MessageDigest.isEqual(fingerprint, write.fingerprint());
  }

  public List<BodyProblem> warningList() {
    return StoredWarnings.parse(warnings);
  }

  private static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
