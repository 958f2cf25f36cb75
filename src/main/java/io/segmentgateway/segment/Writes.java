package io.segmentgateway.segment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.db.DbErrors;
import io.segmentgateway.db.Statements;
import io.segmentgateway.http.IdempotencyKey;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.idempotency.IdempotencyRecords;
import io.segmentgateway.segment.idempotency.InFlightKeys;
import io.segmentgateway.segment.idempotency.KeyedWrite;
import io.segmentgateway.segment.validation.SegmentInput;
import io.segmentgateway.segment.wire.ConstraintsText;
import io.segmentgateway.segment.wire.SegmentRow;
import io.segmentgateway.telemetry.MeterNames;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * The writes of the segment endpoints, and the store of the PATCH batcher (update, updateMany, unmatched). A write
 * without an Idempotency-Key (null; every dry run passes none, so that a dry run never leaves a record) is
 * SegmentRepository's statement. One with a key is its RecordedWrites statement, and then:
 * <ul>
 *   <li>a row: the change and its record were committed together; the row is the answer;</li>
 *   <li>no row, or a unique violation on the record (a request with the key committed first): the key's record
 *   answers: the same request gets its outcome again (a replay), another request a 422;</li>
 *   <li>no row and no record: the write's own answer (404, 412), which is not recorded: nothing changed, so a
 *   retry runs again and tells what is true then, as a first attempt would.</li>
 * </ul>
 */
public final class Writes {

  private final SegmentRepository repository;
  private final RecordedWrites recorded;
  private final IdempotencyRecords records;
  private final InFlightKeys inFlight;
  private final Counter replays;

  public Writes(SegmentRepository repository, Statements statements, IdempotencyRecords records,
      InFlightKeys inFlight, MeterRegistry registry) {
    this.repository = repository;
    this.recorded = new RecordedWrites(statements, records.retentionSeconds(),
        Counter.builder(MeterNames.PREFIX + "idempotency.batches.rechecked")
            .description("Keyed PATCH batches refused because a member's key had a record, and sent again checked")
            .register(registry));
    this.records = records;
    this.inFlight = inFlight;
    this.replays = Counter.builder(MeterNames.PREFIX + "idempotency.replays")
        .description("Writes answered from their Idempotency-Key's record instead of being applied again")
        .register(registry);
  }

  /** Runs a write while its key is held on this instance: a second request with the key meanwhile is a 409. */
  <T> Future<T> claimed(String appId, KeyedWrite keyed, Supplier<Future<T>> write) {
    return inFlight.around(appId, keyed, write);
  }

  /** One PATCH in a statement of its own. */
  public Future<Written> update(Patch patch) {
    if (patch.keyed() == null) {
      return repository.updateOne(patch).map(Written::fresh);
    }
    return recordedWrite(patch.appId(), patch.keyed(), patch.input(), () -> fresh(recorded.update(patch)),
        () -> repository.whyUnchanged(patch).map(Written::fresh), true);
  }

  /** Several PATCHes in one statement and one commit: each member's written row, null where none matched. */
  public Future<Written[]> updateMany(List<Patch> patches) {
    boolean keyed = false;
    for (Patch patch : patches) {
      keyed |= patch.keyed() != null;
    }
    return (keyed ? recorded.updateMany(patches) : repository.updateMany(patches))
        .map(rows -> {
          Written[] written = new Written[rows.length];
          for (int i = 0; i < rows.length; i++) {
            written[i] = rows[i] == null ? null : Written.fresh(rows[i]);
          }
          return written;
        });
  }

  /** The answer for a PATCH whose row did not match in a batch: its key's record, else 404 or 412. */
  public Future<Written> unmatched(Patch patch) {
    Supplier<Future<Written>> why = () -> repository.whyUnchanged(patch).map(Written::fresh);
    return patch.keyed() == null ? why.get() : fromRecord(patch.appId(), patch.keyed(), patch.input(), why);
  }

  public Future<Written> create(String appId, String id, SegmentInput input, KeyedWrite keyed) {
    if (keyed == null) {
      return repository.create(appId, id, input).map(Written::fresh);
    }
    // Only a record stops an INSERT; one that has expired since the statement looked is a request to send again.
    return recordedWrite(appId, keyed, input, () -> fresh(recorded.create(appId, id, input, keyed)),
        () -> Future.failedFuture(new ProblemException(IdempotencyKey.inUse())), true);
  }

  /** versions: those If-Match names (null for any). */
  public Future<Written> delete(String appId, String id, Long[] versions, KeyedWrite keyed) {
    if (keyed == null) {
      return repository.delete(appId, id, versions).map(v -> Written.DELETED);
    }
    SegmentKey key = new SegmentKey(appId, id);
    return recordedWrite(appId, keyed, null,
        () -> recorded.delete(appId, id, versions, keyed).map(d -> d ? Written.DELETED : null),
        () -> repository.whyUnchanged(key, versions), true);
  }

  /**
   * A keyed write (null: nothing matched), answered from the key's record when the statement did not change
   * anything. A unique violation with no fresh record left is a record that expired and was not deleted yet: it is
   * deleted, and the write runs once more (again: whether it may).
   */
  private Future<Written> recordedWrite(String appId, KeyedWrite keyed, SegmentInput input,
      Supplier<Future<Written>> write, Supplier<Future<Written>> unmatched, boolean again) {
    return write.get()
        .compose(written -> written != null ? Future.succeededFuture(written)
            : fromRecord(appId, keyed, input, unmatched))
        .recover(failure -> {
          if (!DbErrors.isUniqueViolation(failure.getCause())) {
            return Future.failedFuture(failure);
          }
          return fromRecord(appId, keyed, input, () -> !again ? Future.failedFuture(failure)
              : records.deleteExpired(appId, keyed.key())
                  .compose(deleted -> deleted ? recordedWrite(appId, keyed, input, write, unmatched, false)
                      : Future.failedFuture(failure)));
        });
  }

  /**
   * The key's record: the same request gets its outcome, another a 422; without one, otherwise's answer. input: the
   * request's body (null for a DELETE), whose constraints, if it sent any, the record does not keep.
   */
  private Future<Written> fromRecord(String appId, KeyedWrite keyed, SegmentInput input,
      Supplier<Future<Written>> otherwise) {
    return records.find(appId, keyed.key())
        .compose(stored -> {
          if (stored == null) {
            return otherwise.get();
          }
          if (!stored.sameRequest(keyed)) {
            return Future.failedFuture(new ProblemException(IdempotencyKey.reused()));
          }
          replays.increment();
          return Future.succeededFuture(Written.replayOf(
              stored.withSent(() -> input == null ? null : ConstraintsText.of(input.constraints()))));
        });
  }

  private static Future<Written> fresh(Future<SegmentRow> row) {
    return row.map(r -> r == null ? null : Written.fresh(r));
  }
}
