package io.segmentgateway.segment;

import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;

/**
 * How a PATCH reaches the database: alone (SegmentRepository::updateOne) or sharing statements and commits with
 * concurrent ones (segment.batch.Batcher). The wiring chooses; the handlers do not know which.
 */
@FunctionalInterface
public interface Patcher {

  Future<SegmentRow> update(Patch patch);
}
