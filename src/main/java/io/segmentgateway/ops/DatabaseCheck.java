package io.segmentgateway.ops;

import io.segmentgateway.db.Statements;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readiness probe's database check: a SELECT 1 with a short timeout, on a pool of its own (the database
 * answers or not, however long the queue for the request pool). Probes
 * share it: while a check runs, and for cacheMillis after it started, every probe gets its answer, so however many
 * balancers probe however often, the database sees at most one check per cacheMillis.
 */
public final class DatabaseCheck {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheck.class);

  /** result completes with true (answered) or false (failed or timed out); it never fails. */
  private record Check(long startedNanos, Future<Boolean> result) {
  }

  private final Statements statements;
  private final long cacheNanos;
  static final String SELECT_ONE = "SELECT 1";

  private final AtomicReference<Check> latest = new AtomicReference<>();

  /** statements: bounded by the readiness timeout, on the check's own pool. */
  public DatabaseCheck(Statements statements, long cacheMillis) {
    this.statements = statements;
    this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMillis);
  }

  /** Whether the database answers: the running or recent check, or a new one. Safe from any thread. */
  public Future<Boolean> up() {
    long now = System.nanoTime();
    Check current = latest.get();
    if (current != null && (!current.result().isComplete() || now - current.startedNanos() < cacheNanos)) {
      return current.result();
    }
    Promise<Boolean> promise = Promise.promise();
    Check next = new Check(now, promise.future());
    if (!latest.compareAndSet(current, next)) {
      // Another probe started a check at the same moment: share it.
      return latest.get().result();
    }
    statements
        .runText(SELECT_ONE)
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.debug("readiness: the database does not answer: {}", ar.cause().toString());
          }
          promise.complete(ar.succeeded());
        });
    return next.result();
  }

  /** The answer of the last finished check, or null before the first one finished; never starts a check. */
  public Boolean lastKnown() {
    Check current = latest.get();
    if (current == null) {
      return null;
    }
    if (current.result().isComplete()) {
      return current.result().result();
    }
    return null;
  }
}
