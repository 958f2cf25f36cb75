package io.segmentgateway.segment.batch;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.segment.Patch;
import io.segmentgateway.segment.PatchStore;
import io.segmentgateway.segment.Patcher;
import io.segmentgateway.segment.wire.SegmentRow;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
public final class PatchBatcher implements Patcher {

  /** One waiting PATCH. */
  private record Pending(Patch patch, Promise<SegmentRow> promise) {
  }

  private static final Comparator<Pending> BY_KEY = Comparator.comparing((Pending p) -> p.patch().appId())
      .thenComparing(p -> p.patch().input().id());

  private final PatchStore store;
  private final int maxInFlight;
  private final int maxBatch;
  private final int maxWaiting;
  private final BatchMetrics meter;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param maxWaiting the most PATCHes that may wait for a slot; more are refused at once with a 503, as the pool
   *     refuses requests beyond its wait queue: overload is shed, not queued without bound
   */
  public PatchBatcher(PatchStore store, int maxInFlight, int maxBatch, int maxWaiting, BatchMetrics meter) {
    if (maxInFlight < 1 || maxBatch < 1 || maxWaiting < 1) {
      throw new IllegalArgumentException("maxInFlight, maxBatch and maxWaiting must be at least 1");
    }
    this.store = store;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.maxWaiting = maxWaiting;
    this.meter = meter;
  }

  @Override
  public Future<SegmentRow> update(Patch patch) {
    if (waiting.size() >= maxWaiting && inFlight >= maxInFlight) {
      return Future.failedFuture(new ProblemException(Problem.unavailable(
          "too many changes are waiting for the database; retry shortly")));
    }
    Promise<SegmentRow> promise = Promise.promise();
    waiting.add(new Pending(patch, promise));
    dispatch();
    return promise.future();
  }

  private void dispatch() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending> batch = takeBatch();
      inFlight++;
      meter.batch(batch.size());
      send(batch);
    }
  }

  /**
   * The slot is given back, and the next batch sent, before the members are answered: the next statement is on
   * its way while this loop writes the responses of the last one.
   */
  private void send(List<Pending> batch) {
    if (batch.size() == 1) {
      Pending only = batch.get(0);
      store.updateOne(only.patch()).onComplete(ar -> {
        release();
        only.promise().handle(ar);
      });
      return;
    }
    batch.sort(BY_KEY);
    List<Patch> patches = new ArrayList<>(batch.size());
    batch.forEach(p -> patches.add(p.patch()));
    store.updateMany(patches).onComplete(ar -> {
      release();
      if (ar.succeeded()) {
        answer(batch, ar.result());
      } else if (DbErrors.refused(ar.cause())) {
        // Refused as a whole, so nothing of it was applied: each member alone gets its own answer.
        meter.fallback();
        retryEach(batch);
      } else {
        batch.forEach(p -> p.promise().fail(ar.cause()));
      }
    });
  }

  private void release() {
    inFlight--;
    dispatch();
  }

  /** The oldest waiting PATCHes, at most maxBatch, at most one per segment; the rest keep their places. */
  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
    Set<String> keys = waiting.size() > 1 ? new HashSet<>() : null;
    Iterator<Pending> it = waiting.iterator();
    while (it.hasNext() && batch.size() < maxBatch) {
      Pending next = it.next();
      if (keys == null || keys.add(next.patch().key())) {
        batch.add(next);
        it.remove();
      }
    }
    return batch;
  }

  /** rows: the updated rows of the batch, by member index; a member without one matched no row. */
  private void answer(List<Pending> batch, SegmentRow[] rows) {
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      if (rows[i] != null) {
        p.promise().complete(rows[i]);
      } else {
        store.whyUnchanged(p.patch().appId(), p.patch().input().id()).onComplete(p.promise());
      }
    }
  }

  private void retryEach(List<Pending> batch) {
    for (Pending p : batch) {
      store.updateOne(p.patch()).onComplete(p.promise());
    }
  }
}
