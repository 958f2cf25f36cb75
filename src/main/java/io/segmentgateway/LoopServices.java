package io.segmentgateway;

import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Statements;
import io.segmentgateway.segment.EvaluateHandlers;
import io.segmentgateway.segment.Patch;
import io.segmentgateway.segment.Patcher;
import io.segmentgateway.segment.Reader;
import io.segmentgateway.segment.SegmentHandlers;
import io.segmentgateway.segment.SegmentKey;
import io.segmentgateway.segment.SegmentRepository;
import io.segmentgateway.segment.Writes;
import io.segmentgateway.segment.Written;
import io.segmentgateway.segment.batch.Batcher;
import io.segmentgateway.segment.idempotency.IdempotencyRecords;
import io.segmentgateway.segment.validation.EvaluateValidator;
import io.segmentgateway.segment.wire.SegmentRow;
import io.segmentgateway.telemetry.AccessLines;
import io.vertx.sqlclient.Pool;

/**
 * What one event loop owns, built in the verticle's supplier and used only on that loop: its pool's statements,
 * and the handlers that use them. A new per-loop service is one component here and one line in create().
 *
 * @param accessLines this loop's access-log lines, null when the access log is off
 */
record LoopServices(Statements statements, BearerAuthHandler auth, SegmentHandlers segments,
    EvaluateHandlers evaluate, AccessLines accessLines) {

  /** pool: this verticle's own, so that its connections live on its event loop (LoopPools). */
  static LoopServices create(Services shared, Pool pool) {
    AppConfig config = shared.config();
    Statements statements = new Statements(pool, config.db().queryTimeoutMillis());
    SegmentRepository repository = new SegmentRepository(statements);
    Writes writes = new Writes(repository, statements,
        new IdempotencyRecords(statements, config.idempotency().retentionSeconds()), shared.inFlightKeys(),
        shared.metrics().registry());
    return new LoopServices(
        statements,
        new BearerAuthHandler(shared.keys(), statements),
        new SegmentHandlers(repository, writes, patcher(shared, writes), reader(shared, repository),
            shared.validator(), shared.schemaSample()),
        new EvaluateHandlers(repository, EvaluateValidator.create(), shared.schemaSample()),
        shared.accessLog() == null ? null : new AccessLines(shared.accessLog(), config.accessLog().json()));
  }

  /** Batching or direct, as configured: either way the handlers see a Patcher. */
  private static Patcher patcher(Services shared, Writes writes) {
    AppConfig.Batching batching = shared.config().batching();
    if (!batching.enabled()) {
      return writes::update;
    }
    Batcher<Patch, Written> batcher = new Batcher<>(
        Batcher.store(writes::update, writes::updateMany, writes::unmatched),
        Patch::key, Patch.BY_KEY, batching.maxInFlight(), batching.maxBatch(), waiting(shared.config()),
        shared.patchBatches());
    return batcher::submit;
  }

  /** Reads of one segment likewise: batched with concurrent reads, or each alone. */
  private static Reader reader(Services shared, SegmentRepository repository) {
    AppConfig.Batching batching = shared.config().readBatching();
    if (!batching.enabled()) {
      return repository::find;
    }
    Batcher<SegmentKey, SegmentRow> batcher = new Batcher<>(
        Batcher.store(repository::find, repository::findMany, SegmentRepository::notFound),
        null, null, batching.maxInFlight(), batching.maxBatch(), waiting(shared.config()), shared.readBatches());
    return batcher::submit;
  }

  /** Each loop's batched requests wait in its batchers, not in the pool: the pool's bound, split as pools split. */
  private static int waiting(AppConfig config) {
    return config.db().maxWaitQueueSize() < 0 ? Integer.MAX_VALUE
        : Math.max(1, config.db().maxWaitQueueSize() / config.instances());
  }
}
