package io.segmentgateway.segment;

import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;

/**
 * How a read of one segment reaches the database: alone (SegmentRepository::find) or sharing a statement with
 * concurrent reads (segment.batch.Batcher). The wiring chooses; the handlers do not know which.
 */
@FunctionalInterface
public interface Reader {

  /** The segment, or a failure saying why not (404, 503). */
  Future<SegmentRow> find(SegmentKey key);
}
