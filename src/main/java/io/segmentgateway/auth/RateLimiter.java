package io.segmentgateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets, one per API key, in memory, for this instance only. A bucket holds up to burst tokens, gains
 * perSecond tokens a second, and each request takes one.
 *
 * <p>A bucket is a single number, the instant at which it will be full again (the "theoretical arrival time"
 * of GCRA, which is the same as a token bucket), changed by compare-and-set: event loops never take a lock.
 * A full bucket tells nothing that a new one would not, so when the map reaches maxKeys the full ones are
 * dropped; that bounds memory without a timer.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final long SECOND = 1_000_000_000L;

  /**
   * The verdict on one request. remaining: whole tokens left; resetSeconds: until the bucket is full again;
   * retryAfterSeconds: until a refused request would be allowed (0 when allowed). Seconds are rounded up.
   */
  public record Decision(boolean allowed, int remaining, long resetSeconds, long retryAfterSeconds) {
  }

  private final long intervalNanos;
  private final long capacityNanos;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();

  /** nanoClock: System::nanoTime in the service; tests pass a clock they move by hand. */
  public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanoClock) {
    if (!(perSecond > 0) || burst < 1 || maxKeys < 1) {
      throw new IllegalArgumentException("rate limit: perSecond must be > 0, burst and maxKeys >= 1");
    }
    this.intervalNanos = Math.max(1, Math.round(SECOND / perSecond));
    // Throws rather than wraps for absurd settings (e.g. a burst of billions at one token an hour).
    this.capacityNanos = Math.multiplyExact(intervalNanos, burst);
    this.maxKeys = maxKeys;
    this.nanoClock = nanoClock;
  }

  /** Takes a token from keyId's bucket if it has one. */
  public Decision acquire(String keyId) {
    long now = nanoClock.getAsLong();
    AtomicLong bucket = buckets.get(keyId);
    if (bucket == null) {
      bucket = newBucket(keyId, now);
    }
    while (true) {
      long fullAt = bucket.get();
      // A bucket is never fuller than full: time spent idle beyond that earns nothing.
      long from = fullAt - now > 0 ? fullAt : now;
      long next = from + intervalNanos;
      long untilFull = next - now;
      if (untilFull > capacityNanos) {
        return new Decision(false, 0, seconds(from - now), Math.max(1, seconds(untilFull - capacityNanos)));
      }
      if (bucket.compareAndSet(fullAt, next)) {
        int remaining = (int) ((capacityNanos - untilFull) / intervalNanos);
        return new Decision(true, remaining, seconds(untilFull), 0);
      }
    }
  }

  /** Buckets held now (the tests read it). */
  public int size() {
    return buckets.size();
  }

  private AtomicLong newBucket(String keyId, long now) {
    if (buckets.size() >= maxKeys) {
      evictIdle(now);
    }
    return buckets.computeIfAbsent(keyId, k -> new AtomicLong(now));
  }

  /**
   * Drops full buckets. A request racing with the removal may take its token from the dropped bucket, so that
   * key gets one token for free: harmless. If every bucket is busy (more than maxKeys keys active within one
   * refill time) all are dropped, which lets those keys burst once more rather than growing without bound.
   */
  private void evictIdle(long now) {
    buckets.values().removeIf(bucket -> bucket.get() - now <= 0);
    if (buckets.size() >= maxKeys) {
      LOG.warn("More than {} API keys are busy at once; their rate-limit buckets start afresh (raise rateLimit.maxKeys)",
          maxKeys);
      buckets.clear();
    }
  }

  /** Whole seconds, rounded up, as Retry-After and RateLimit-Reset count them. */
  private static long seconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + SECOND - 1) / SECOND;
  }
}
