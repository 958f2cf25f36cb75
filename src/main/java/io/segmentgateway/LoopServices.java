package io.segmentgateway;

import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Statements;
import io.segmentgateway.segment.Patcher;
import io.segmentgateway.segment.SegmentHandlers;
import io.segmentgateway.segment.SegmentRepository;
import io.segmentgateway.segment.batch.PatchBatcher;
import io.vertx.sqlclient.Pool;

/**
 * What one event loop owns, built in the verticle's supplier and used only on that loop: its pool's statements,
 * and the handlers that use them. A new per-loop service is one component here and one line in create().
 */
record LoopServices(Statements statements, BearerAuthHandler auth, SegmentHandlers segments) {

  /** pool: this verticle's own, so that its connections live on its event loop (LoopPools). */
  static LoopServices create(Services shared, Pool pool) {
    AppConfig config = shared.config();
    Statements statements = new Statements(pool, config.db().queryTimeoutMillis());
    SegmentRepository repository = new SegmentRepository(statements);
    return new LoopServices(
        statements,
        new BearerAuthHandler(shared.keys(), statements),
        new SegmentHandlers(repository, patcher(shared, repository), shared.validator(), shared.schemaSample()));
  }

  /** Batching or direct, as configured: either way the handlers see a Patcher. */
  private static Patcher patcher(Services shared, SegmentRepository repository) {
    AppConfig config = shared.config();
    AppConfig.Batching batching = config.batching();
    if (!batching.enabled()) {
      return repository::updateOne;
    }
    // Each loop's PATCHes wait in its batcher, not in the pool: the same bound, split as the pools split it.
    int waiting = config.db().maxWaitQueueSize() < 0 ? Integer.MAX_VALUE
        : Math.max(1, config.db().maxWaitQueueSize() / config.instances());
    return new PatchBatcher(repository, batching.maxInFlight(), batching.maxBatch(), waiting, shared.batchMetrics());
  }
}
