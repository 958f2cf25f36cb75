package io.segmentgateway.ratelimit;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A rate limit: perSecond tokens a second into a bucket of burst tokens, one token per request. Built once per key
 * lookup (not per request), with what every response under it repeats: the RateLimit-Policy value and the sentence
 * of a 429.
 */
public final class Limit {

  static final long SECOND = 1_000_000_000L;

  /** The quota partition is the API key: the one policy of both fields is named after it. */
  static final String POLICY = "api-key";

  /** Where a key's own limit travels from authentication to the rate limit, on the request. */
  private static final String CONTEXT_KEY = "rateLimit.limit";

  /** The longest window the policy field states a fractional rate over. */
  private static final int LONGEST_WINDOW_SECONDS = 3600;

  private final double perSecond;
  private final int burst;
  final long intervalNanos;
  final long capacityNanos;
  final CharSequence policy;
  final String over;

  private Limit(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.intervalNanos = Math.max(1, Math.round(SECOND / perSecond));
    this.capacityNanos = Math.multiplyExact(intervalNanos, burst);
    this.policy = HttpHeaders.createOptimized("\"" + POLICY + "\"" + quota(perSecond) + ";sg-burst=" + burst);
    this.over = "this API key is over its limit of " + number(perSecond) + " requests a second (bursts of up to "
        + burst + ")";
  }

  /** Throws IllegalArgumentException, saying why, for a rate or burst that problem() refuses. */
  public static Limit of(double perSecond, int burst) {
    String problem = problem(perSecond, burst);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new Limit(perSecond, burst);
  }

  /** Why a rate and burst make no limit, or null when they do. */
  public static String problem(double perSecond, int burst) {
    if (!(perSecond > 0) || perSecond > 1e9) {
      return "a rate is more than 0 and at most 1000000000 requests a second, got " + number(perSecond);
    }
    if (burst < 1 || burst > 1_000_000_000) {
      return "a burst is 1 to 1000000000 requests, got " + burst;
    }
    try {
      Math.multiplyExact(Math.max(1, Math.round(SECOND / perSecond)), burst);
      return null;
    } catch (ArithmeticException e) {
      return "a bucket of " + burst + " at " + number(perSecond) + " a second would take centuries to fill";
    }
  }

  public double perSecond() {
    return perSecond;
  }

  public int burst() {
    return burst;
  }

  /** The part of this limit one of instances gets while they cannot share it: 1/instances of rate and burst. */
  Limit share(int instances) {
    return instances <= 1 ? this : new Limit(perSecond / instances, (burst + instances - 1) / instances);
  }

  /** Whole seconds, rounded up, as RateLimit's t and Retry-After count them. */
  static long seconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + SECOND - 1) / SECOND;
  }

  /** Records a key's own limit on its request (authentication does, when the key has one). */
  public static void attach(RoutingContext ctx, Limit limit) {
    ctx.put(CONTEXT_KEY, limit);
  }

  /** The key's own limit, or null when it has none (the defaults apply). */
  static Limit attached(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /**
   * ";q=…;w=…": the policy field takes whole numbers only, so a fractional rate is stated over the shortest window
   * (up to an hour) in which it is whole: 0.5 a second is q=1;w=2.
   */
  private static String quota(double perSecond) {
    for (int window = 1; window <= LONGEST_WINDOW_SECONDS; window++) {
      double quota = perSecond * window;
      if (Math.abs(quota - Math.rint(quota)) < 1e-6) {
        return ";q=" + (long) Math.rint(quota) + ";w=" + window;
      }
    }
    return ";q=" + (long) Math.floor(perSecond * LONGEST_WINDOW_SECONDS) + ";w=" + LONGEST_WINDOW_SECONDS;
  }

  /** 1000.0 reads as 1000, 0.5 as 0.5. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Limit that && that.perSecond == perSecond && that.burst == burst;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(perSecond) * 31 + burst;
  }

  @Override
  public String toString() {
    return number(perSecond) + "/s, burst " + burst;
  }
}
