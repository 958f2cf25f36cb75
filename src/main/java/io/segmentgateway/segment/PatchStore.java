package io.segmentgateway.segment;

import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;
import java.util.List;

/** What a PATCH needs from the database, alone or many at once; SegmentRepository is the one implementation. */
public interface PatchStore {

  /** One PATCH, one statement: the updated row, or a failure saying why not (404, 412, 503, ...). */
  Future<SegmentRow> updateOne(Patch patch);

  /**
   * Several PATCHes of different segments in one statement and one commit: the updated row of each, by its index,
   * or null where its row did not match. Fails as a whole; DbErrors.refused tells a refusal (nothing applied)
   * from an unknown fate.
   */
  Future<SegmentRow[]> updateMany(List<Patch> patches);

  /** For a PATCH whose row did not match: fails with 404 (no such segment) or 412 (another version). */
  Future<SegmentRow> whyUnchanged(String appId, String id);
}
