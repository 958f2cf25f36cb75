package io.segmentgateway.ratelimit;

/**
 * The verdict on one request. remaining: whole tokens left; resetSeconds: until the bucket is full again, or, when
 * refused, until a request would be allowed; retryAfterSeconds: that wait (0 when allowed). Seconds are rounded up.
 */
public record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {

  /** Refused: RateLimit's t and Retry-After are the same wait, at least a second. */
  static Decision refused(long retryAfterSeconds) {
    long wait = Math.max(1, retryAfterSeconds);
    return new Decision(false, 0, wait, wait);
  }
}
