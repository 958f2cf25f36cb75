package io.segmentgateway.segment;

import io.vertx.core.Future;

/**
 * How a PATCH reaches the database: alone (Writes::update) or sharing statements and commits with concurrent ones
 * (segment.batch.Batcher over Writes). The wiring chooses; the handlers do not know which.
 */
@FunctionalInterface
public interface Patcher {

  /** The updated row, or the outcome its Idempotency-Key's record kept; or a failure saying why not. */
  Future<Written> update(Patch patch);
}
