package io.segmentgateway.edge;

/**
 * What the edge allows one instance's clients: how many connections at once, how long a request head may take from
 * its first byte, and how slowly a body may arrive (after a grace, at least bodyMinBytesPerSecond on average, so
 * that the deadline grows with the body's size). On SIGTERM, how long a connection that has not yet sent its
 * request is given to send it, and how long responses are held back before the listener closes.
 */
public record EdgeLimits(
    int maxConnections,
    long headTimeoutMillis,
    long bodyGraceMillis,
    long bodyMinBytesPerSecond,
    long drainLingerMillis,
    long drainQuiesceMillis) {

  public EdgeLimits {
    if (maxConnections < 1 || headTimeoutMillis < 1 || bodyGraceMillis < 0 || bodyMinBytesPerSecond < 1
        || drainLingerMillis < 0 || drainQuiesceMillis < 0) {
      throw new IllegalArgumentException("http limits must be positive: " + maxConnections + ", " + headTimeoutMillis
          + ", " + bodyGraceMillis + ", " + bodyMinBytesPerSecond + ", " + drainLingerMillis);
    }
  }
}
