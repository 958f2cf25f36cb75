package io.segmentgateway.segment.idempotency;

import io.segmentgateway.http.IdempotencyKey;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Idempotency-Keys whose writes are running on this instance, for every event loop: a second request with one of
 * them is refused at once with a 409 (the draft's answer to a concurrent retry) instead of queueing behind the first
 * for its row or its record. Across instances the record's primary key does the same job, more slowly: the second
 * statement waits for the first's commit, then answers from its record.
 */
public final class InFlightKeys {

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** Runs write while its key is held; a write without a key (null) simply runs. */
  public <T> Future<T> around(String appId, KeyedWrite keyed, Supplier<Future<T>> write) {
    if (keyed == null) {
      return write.get();
    }
    String held = appId + '\u0000' + keyed.key();
    if (!running.add(held)) {
      return Future.failedFuture(new ProblemException(IdempotencyKey.inUse()));
    }
    Future<T> result;
    try {
      result = write.get();
    } catch (RuntimeException e) {
      running.remove(held);
      throw e;
    }
    return result.andThen(done -> running.remove(held));
  }
}
