package io.segmentgateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets, one per API key, in memory, for this instance only: the limit without Redis, and each instance's
 * share of it while Redis does not answer.
 *
 * <p>A bucket is a single number, the instant at which it will be full again (the "theoretical arrival time" of GCRA,
 * which is the same as a token bucket), changed by compare-and-set: event loops never take a lock. A full bucket
 * tells nothing that a new one would not, so when the map reaches maxKeys the full ones are dropped; that bounds
 * memory without a timer.
 */
public final class LocalBuckets implements Limiter {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBuckets.class);

  /** One key's bucket under one limit; a key whose limit changes gets a new one. */
  private static final class Bucket extends AtomicLong {

    final Limit limit;

    Bucket(Limit limit, long fullAtNanos) {
      super(fullAtNanos);
      this.limit = limit;
    }
  }

  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** nanoClock: System::nanoTime in the service; tests pass a clock they move by hand. */
  public LocalBuckets(int maxKeys, LongSupplier nanoClock) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("rateLimit.maxKeys must be at least 1");
    }
    this.maxKeys = maxKeys;
    this.nanoClock = nanoClock;
  }

  @Override
  public Decision acquire(String keyId, Limit limit) {
    long now = nanoClock.getAsLong();
    Bucket bucket = buckets.get(keyId);
    if (bucket == null || (bucket.limit != limit && !bucket.limit.equals(limit))) {
      bucket = newBucket(keyId, limit, now, bucket);
    }
    long interval = limit.intervalNanos;
    long capacity = limit.capacityNanos;
    while (true) {
      long fullAt = bucket.get();
      // A bucket is never fuller than full: time spent idle beyond that earns nothing.
      long from = fullAt - now > 0 ? fullAt : now;
      long next = from + interval;
      long untilFull = next - now;
      if (untilFull > capacity) {
        return Decision.refused(Limit.seconds(untilFull - capacity));
      }
      if (bucket.compareAndSet(fullAt, next)) {
        return new Decision(true, (capacity - untilFull) / interval, Limit.seconds(untilFull), 0);
      }
    }
  }

  /** Buckets held now (the tests read it). */
  public int size() {
    return buckets.size();
  }

  /**
   * A first bucket for the key, or one under its new limit that keeps the tokens already taken (counted in the old
   * limit's tokens). Two racing requests may both put one: the key gets a token for free, harmless.
   */
  private Bucket newBucket(String keyId, Limit limit, long now, Bucket previous) {
    if (previous == null) {
      if (buckets.size() >= maxKeys) {
        evictIdle(now);
      }
      return buckets.computeIfAbsent(keyId, k -> new Bucket(limit, now));
    }
    long taken = Math.max(0, previous.get() - now) / previous.limit.intervalNanos;
    long fullAt = now + Math.min(taken * limit.intervalNanos, limit.capacityNanos + limit.intervalNanos);
    Bucket replaced = new Bucket(limit, fullAt);
    buckets.put(keyId, replaced);
    return replaced;
  }

  /**
   * Drops full buckets. A request racing with the removal may take its token from the dropped bucket, so that key
   * gets one token for free: harmless. If every bucket is busy (more than maxKeys keys active within one refill
   * time) all are dropped, which lets those keys burst once more rather than growing without bound.
   */
  private void evictIdle(long now) {
    buckets.values().removeIf(bucket -> bucket.get() - now <= 0);
    if (buckets.size() >= maxKeys) {
      LOG.warn("More than {} API keys are busy at once; their rate-limit buckets start afresh (raise rateLimit.maxKeys)",
          maxKeys);
      buckets.clear();
    }
  }
}
