package io.segmentgateway.segment.batch;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Shares statements, and with them round trips and commits, between concurrent requests of one event loop: while
 * maxInFlight statements are running, new requests wait in a queue, and each time a statement ends, everything
 * waiting (up to maxBatch) goes as one multi-row statement. A request that finds a free slot goes at once, alone,
 * so a quiet service adds no delay; only load makes batches. Each request is still answered only after the
 * statement that carries its own row.
 *
 * <p>When the database refuses a batch statement, nothing of it was applied, and each member is sent again as its
 * own statement: one member's failure never fails its neighbours. When a batch's fate is unknown (timeout, lost
 * connection), every member gets the failure a lone statement would.
 *
 * <p>One per server verticle and kind of statement, used only on its event loop: no locks.
 *
 * @param <T> a request
 * @param <R> its row
 */
public final class Batcher<T, R> {

  /** The statements of one kind of request. */
  public interface Store<T, R> {

    /** One request, one statement. */
    Future<R> one(T request);

    /** Several requests in one statement: the row of each, by index, or null where it matched none. */
    Future<R[]> many(List<T> requests);

    /** The answer for a request that matched no row in a batch (404, 412, ...). */
    Future<R> unmatched(T request);
  }

  /** A store of three functions: one(request), many(requests), unmatched(request). */
  public static <T, R> Store<T, R> store(Function<T, Future<R>> one, Function<List<T>, Future<R[]>> many,
      Function<T, Future<R>> unmatched) {
    return new Store<>() {
      @Override
      public Future<R> one(T request) {
        return one.apply(request);
      }

      @Override
      public Future<R[]> many(List<T> requests) {
        return many.apply(requests);
      }

      @Override
      public Future<R> unmatched(T request) {
        return unmatched.apply(request);
      }
    };
  }

  /** One waiting request. */
  private record Pending<T, R>(T request, Promise<R> promise) {
  }

  private final Store<T, R> store;
  private final Function<T, String> key;
  private final Comparator<T> order;
  private final int maxInFlight;
  private final int maxBatch;
  private final int maxWaiting;
  private final BatchMetrics meter;
  private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param key null, or what two requests of one batch may not share (the later waits for the next batch)
   * @param order null, or the order of a batch's members in its statement (rows locked in one order cannot deadlock)
   * @param maxWaiting the most requests that may wait for a slot; more are refused at once with a 503, as the pool
   *     refuses requests beyond its wait queue: overload is shed, not queued without bound
   */
  public Batcher(Store<T, R> store, Function<T, String> key, Comparator<T> order, int maxInFlight, int maxBatch,
      int maxWaiting, BatchMetrics meter) {
    if (maxInFlight < 1 || maxBatch < 1 || maxWaiting < 1) {
      throw new IllegalArgumentException("maxInFlight, maxBatch and maxWaiting must be at least 1");
    }
    this.store = store;
    this.key = key;
    this.order = order;
    this.maxInFlight = maxInFlight;
    this.maxBatch = maxBatch;
    this.maxWaiting = maxWaiting;
    this.meter = meter;
  }

  public Future<R> submit(T request) {
    if (waiting.size() >= maxWaiting && inFlight >= maxInFlight) {
      return Future.failedFuture(new ProblemException(Problem.unavailable(
          "too many requests are waiting for the database; retry shortly")));
    }
    Promise<R> promise = Promise.promise();
    waiting.add(new Pending<>(request, promise));
    dispatch();
    return promise.future();
  }

  private void dispatch() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending<T, R>> batch = takeBatch();
      inFlight++;
      meter.batch(batch.size());
      send(batch);
    }
  }

  /**
   * The slot is given back, and the next batch sent, before the members are answered: the next statement is on
   * its way while this loop writes the responses of the last one.
   */
  private void send(List<Pending<T, R>> batch) {
    if (batch.size() == 1) {
      Pending<T, R> only = batch.get(0);
      store.one(only.request()).onComplete(ar -> {
        release();
        only.promise().handle(ar);
      });
      return;
    }
    if (order != null) {
      batch.sort((a, b) -> order.compare(a.request(), b.request()));
    }
    List<T> requests = new ArrayList<>(batch.size());
    batch.forEach(p -> requests.add(p.request()));
    store.many(requests).onComplete(ar -> {
      release();
      if (ar.succeeded()) {
        answer(batch, ar.result());
      } else if (DbErrors.refused(ar.cause())) {
        // Refused as a whole, so nothing of it was applied: each member alone gets its own answer.
        meter.fallback();
        batch.forEach(p -> store.one(p.request()).onComplete(p.promise()));
      } else {
        batch.forEach(p -> p.promise().fail(ar.cause()));
      }
    });
  }

  private void release() {
    inFlight--;
    dispatch();
  }

  /** The oldest waiting requests, at most maxBatch, at most one per key; the rest keep their places. */
  private List<Pending<T, R>> takeBatch() {
    List<Pending<T, R>> batch = new ArrayList<>(Math.min(waiting.size(), maxBatch));
    Set<String> keys = key != null && waiting.size() > 1 ? new HashSet<>() : null;
    Iterator<Pending<T, R>> it = waiting.iterator();
    while (it.hasNext() && batch.size() < maxBatch) {
      Pending<T, R> next = it.next();
      if (keys == null || keys.add(key.apply(next.request()))) {
        batch.add(next);
        it.remove();
      }
    }
    return batch;
  }

  /** rows: the rows of the batch, by member index; a member without one matched no row. */
  private void answer(List<Pending<T, R>> batch, R[] rows) {
    for (int i = 0; i < batch.size(); i++) {
      Pending<T, R> p = batch.get(i);
      if (rows[i] != null) {
        p.promise().complete(rows[i]);
      } else {
        store.unmatched(p.request()).onComplete(p.promise());
      }
    }
  }
}
