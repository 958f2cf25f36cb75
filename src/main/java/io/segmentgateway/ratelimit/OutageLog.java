package io.segmentgateway.ratelimit;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells each Redis outage once: a WARN when the instance goes on its share, an INFO when it
 * shares again. A Redis on the edge of the timeout may make an instance flap; flaps within outageQuietMillis of the
 * end belong to the same outage and are not told again (the gauge shows each).
 */
final class OutageLog {

  private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

  private final String where;
  private final long quietNanos;
  private boolean open;
  private boolean endTold;
  private long startNanos;
  private long endNanos;

  OutageLog(String where, long quietMillis) {
    this.where = where;
    this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
  }

  /** The instance went on its share (instances: what it divides by). */
  void started(long now, Throwable cause, int instances) {
    if (open) {
      return;
    }
    open = true;
    endTold = false;
    startNanos = now;
    LOG.warn("Redis at {} does not answer ({}): until it does, this instance limits each key to 1/{} of its limit"
        + " ({} instances were alive at the last heartbeat)", where, cause.toString(), instances, instances);
  }

  /** The instance shares again; first: for the first time since it started. */
  void ended(long now, boolean first) {
    endNanos = now;
    if (first && !open) {
      LOG.info("Redis at {} answers: the fleet shares one limit per key", where);
    } else if (open && !endTold) {
      endTold = true;
      LOG.info("Redis at {} answers again after {} ms: the fleet shares one limit per key again", where,
          TimeUnit.NANOSECONDS.toMillis(now - startNanos));
    }
  }

  /** Called now and then while the fleet shares: a quiet spell closes the outage, and the next one is told. */
  void quiet(long now) {
    if (open && endTold && now - endNanos >= quietNanos) {
      open = false;
    }
  }
}
