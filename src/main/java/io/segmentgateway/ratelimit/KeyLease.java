package io.segmentgateway.ratelimit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One API key's tokens on this instance, leased from the fleet's bucket in Redis: a request spends one with a
 * compare-and-set and never waits, and SharedLimiter leases more in the background before they run out.
 *
 * <p>A request that finds none left still passes on credit, down to -credit tokens, and the next lease repays the
 * debt first. That lets a key's first request here, or one that came sooner than the last lease foresaw, pass without
 * a Redis round trip; it is also the one way this instance admits more than the fleet's bucket granted it: at most
 * credit tokens, and credit is small (heldMillis of this instance's share of the rate, at least 1).
 */
final class KeyLease {

  /** This instance's part of the key's limit while the fleet cannot share it, for instances instances. */
  private record Share(Limit of, int instances, Limit share) {
  }

  final String bucketKey;
  /** The longest a lease waits for its answer. */
  private final long answerNanos;
  /** Tokens leased and not yet spent; below 0 while requests pass on credit. */
  final AtomicLong balance = new AtomicLong();
  /** True while a lease is asked for (at most one at a time per key). */
  final AtomicBoolean leasing = new AtomicBoolean();
  volatile Limit limit;
  volatile long credit;
  /** A lease is due once the balance is down to this... */
  volatile long lowWater;
  /** ...and not before this instant: a key the fleet's bucket could not serve waits before it asks again. */
  volatile long nextLeaseNanos;
  /** The fleet's bucket at the last answer: tokens left in it, and when it holds a token again. */
  volatile long fleetRemaining;
  volatile long answeredAtNanos;
  volatile long fleetTokenAtNanos;
  private volatile Share share;

  // Read and written on the fleet's context only (SharedLimiter's leases).
  long grantedTotal;
  long consumedAtLease;
  long leasedAtNanos;
  long target = 1;

  KeyLease(String bucketKey, Limit limit, long credit, long now, long answerNanos) {
    this.bucketKey = bucketKey;
    this.answerNanos = answerNanos;
    this.limit = limit;
    this.credit = credit;
    this.fleetRemaining = limit.burst();
    this.answeredAtNanos = now;
    this.fleetTokenAtNanos = now;
    this.nextLeaseNanos = now;
    this.leasedAtNanos = now;
  }

  /** Spends a token, or refuses; limit: the key's limit as this request found it (the next lease adopts a change). */
  Decision take(Limit current, long now) {
    if (current != limit && !current.equals(limit)) {
      retune(current);
    }
    long floor = -credit;
    while (true) {
      long before = balance.get();
      if (before <= floor) {
        return refused(now);
      }
      if (balance.compareAndSet(before, before - 1)) {
        return admitted(current, before - 1, now);
      }
    }
  }

  /**
   * The key's limit changed (set-key-limit): what was leased and the credit were sized for the old one, which may have
   * been far larger, so both go, and the next lease, which is due at once, sizes them anew. Tokens dropped here were
   * taken from the fleet's bucket: the key loses them, it never gains.
   */
  private void retune(Limit current) {
    limit = current;
    credit = 1;
    lowWater = 0;
    long before;
    do {
      before = balance.get();
    } while (before > 0 && !balance.compareAndSet(before, 0));
  }

  /** True when this key should ask for more tokens now (and nobody is asking yet). */
  boolean due(long now) {
    return balance.get() <= lowWater && now - nextLeaseNanos >= 0 && !leasing.get();
  }

  /**
   * What the key has left in the whole fleet, as well as this instance knows: the fleet's bucket at the last answer,
   * what it gained since, and this instance's own tokens; t is the time until it is full again.
   */
  private Decision admitted(Limit current, long balanceAfter, long now) {
    long interval = current.intervalNanos;
    long gained = (now - answeredAtNanos) / interval;
    long remaining = Math.max(0, Math.min(current.burst(), fleetRemaining + gained + balanceAfter));
    return new Decision(true, remaining, Limit.seconds((current.burst() - remaining) * interval), 0);
  }

  /** Retry once the next lease has had its answer and the fleet's bucket has a token again. */
  private Decision refused(long now) {
    long wait = Math.max(0, Math.max(nextLeaseNanos - now, fleetTokenAtNanos - now));
    return Decision.refused(Limit.seconds(wait + answerNanos));
  }

  /** The share for instances instances, built once per limit and count. */
  Limit share(Limit current, int instances) {
    Share known = share;
    if (known == null || known.instances != instances || !known.of.equals(current)) {
      known = new Share(current, instances, current.share(instances));
      share = known;
    }
    return known.share;
  }
}
