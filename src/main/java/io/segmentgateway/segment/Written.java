package io.segmentgateway.segment;

import io.segmentgateway.segment.idempotency.StoredOutcome;
import io.segmentgateway.segment.wire.SegmentRow;

/**
 * What a write answers with: the row it wrote (null for a DELETE), or, for a request whose Idempotency-Key already
 * has a record of the same request, that record's outcome, which the answer gives back instead of changing anything.
 */
public record Written(SegmentRow segment, StoredOutcome replay) {

  static final Written DELETED = new Written(null, null);

  static Written fresh(SegmentRow segment) {
    return new Written(segment, null);
  }

  static Written replayOf(StoredOutcome outcome) {
    return new Written(outcome.segment(), outcome);
  }

  public boolean replayed() {
    return replay != null;
  }
}
