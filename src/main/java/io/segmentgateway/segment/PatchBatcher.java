package io.segmentgateway.segment;

import io.segmentgateway.segment.validation.SegmentInput;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Row;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Shares commits between concurrent PATCHes: while maxInFlight statements are running, new PATCHes wait in a
 * queue, and each time a statement ends, everything waiting (up to maxBatch) goes as one multi-row UPDATE, one
 * commit. A PATCH that finds a free slot goes at once, alone, so a quiet service adds no delay; only load makes
 * batches. Each PATCH is still answered only after the commit that carries its own row.
 *
 * <p>A batch never holds two PATCHes of one segment (the later waits for the next batch, so neither change is
 * lost), and its rows are sorted by key, so that concurrent batches lock rows in one order and cannot deadlock.
 * When the database refuses a batch statement (one member's bad value, a lock conflict), nothing of it was
 * applied, and each member is retried as its own statement: one PATCH's failure never fails its neighbours.
 * When the batch's fate is unknown (timeout, lost connection), every member gets the 503 a single PATCH would.
 *
 * <p>One per server verticle, used only on its event loop: no locks.
 */
final class PatchBatcher {

  /** One waiting PATCH. */
  record Pending(String appId, SegmentInput input, Long[] versions, Promise<Row> promise) {

    String key() {
      return appId + '\u0000' + input.id();
    }
  }

  private static final Comparator<Pending> BY_KEY = Comparator.comparing(Pending::appId)
      .thenComparing(p -> p.input().id());

  private final SegmentRepository repository;
  private final int maxInFlight;
  private final int maxBatch;
  private final BatchMeter meter;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int inFlight;

  PatchBatcher(SegmentRepository repository, int maxInFlight, int maxBatch, BatchMeter meter) {
    if (maxInFlight < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("maxInFlight and maxBatch must be at least 1");
    }
    this.repository = repository;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.meter = meter;
  }

  Future<Row> update(String appId, SegmentInput input, Long[] versions) {
    Promise<Row> promise = Promise.promise();
    waiting.add(new Pending(appId, input, versions, promise));
    dispatch();
    return promise.future();
  }

  private void dispatch() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending> batch = takeBatch();
      inFlight++;
      meter.batch(batch.size());
      run(batch).onComplete(done -> {
        inFlight--;
        dispatch();
      });
    }
  }

  /** The oldest waiting PATCHes, at most maxBatch, at most one per segment; the rest keep their places. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
    Set<String> keys = waiting.size() > 1 ? new HashSet<>() : null;
    Iterator<Pending> it = waiting.iterator();
    while (it.hasNext() && batch.size() < maxBatch) {
      Pending next = it.next();
      if (keys == null || keys.add(next.key())) {
        batch.add(next);
        it.remove();
      }
    }
    return batch;
  }

  /** Completes every member's promise; the future ends when the batch no longer holds a connection. */
  private Future<Void> run(List<Pending> batch) {
    if (batch.size() == 1) {
      Pending only = batch.get(0);
      return repository.updateOne(only.appId(), only.input(), only.versions())
          .onComplete(only.promise())
          .otherwiseEmpty()
          .mapEmpty();
    }
    batch.sort(BY_KEY);
    return repository.updateMany(batch)
        .compose(rows -> {
          answer(batch, rows);
          return Future.<Void>succeededFuture();
        }, failure -> {
          if (failure instanceof DatabaseException) {
            // Refused as a whole, so nothing of it was applied: each member alone gets its own answer.
            meter.fallback();
            return Future.join(retryEach(batch)).otherwiseEmpty().mapEmpty();
          }
          batch.forEach(p -> p.promise().fail(failure));
          return Future.<Void>succeededFuture();
        });
  }

  /** rows: the updated rows of the batch, by member index; a member without one matched no row. */
  private void answer(List<Pending> batch, Row[] rows) {
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (rows[i] != null) {
        p.promise().complete(rows[i]);
      } else {
        repository.whyUnchanged(p.appId(), p.input().id()).onComplete(p.promise());
      }
    }
  }

  private List<Future<Row>> retryEach(List<Pending> batch) {
    List<Future<Row>> retries = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      retries.add(repository.updateOne(p.appId(), p.input(), p.versions()).onComplete(p.promise()));
    }
    return retries;
  }

  /** What the batcher reports: the size of each statement it sends, and each batch refused and retried alone. */
  interface BatchMeter {
    void batch(int size);

    void fallback();

    BatchMeter NONE = new BatchMeter() {
      @Override
      public void batch(int size) {
      }

      @Override
      public void fallback() {
      }
    };
  }
}
