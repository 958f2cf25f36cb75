package io.segmentgateway.segment.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.telemetry.MeterNames;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired idempotency records off the request path: every expiryIntervalMillis, on a pool apart from the
 * requests', one small DELETE of at most expiryBatch rows after another, until one deletes fewer (the backlog is
 * gone). Every instance does it; they skip each other's rows. Records expire for the writes the moment their time
 * is up (IdempotencyRecords), so this only bounds the table: it holds a little more than retentionHours of
 * records. segment_gateway_idempotency_records_expired_total counts the rows deleted.
 */
public final class RecordExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(RecordExpiry.class);
  private static final long WARNING_INTERVAL_MILLIS = 60_000;

  private final Vertx vertx;
  private final IdempotencyRecords records;
  private final AppConfig.Idempotency settings;
  private final Counter expired;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile long lastWarning;
  private long timer = -1;

  public RecordExpiry(Vertx vertx, IdempotencyRecords records, AppConfig.Idempotency settings,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.records = records;
    this.settings = settings;
    this.expired = Counter.builder(MeterNames.PREFIX + "idempotency.records.expired")
        .description("Expired idempotency records deleted by this instance")
        .register(registry);
  }

  public synchronized void start() {
    timer = vertx.setPeriodic(settings.expiryIntervalMillis(), id -> sweep());
  }

  /** Before the pools close: no sweep starts after it. */
  public synchronized void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One sweep, unless one is still running (a backlog takes longer than the interval). */
  void sweep() {
    if (!stopped && sweeping.compareAndSet(false, true)) {
      next();
    }
  }

  private void next() {
    int batch = settings.expiryBatch();
    records.expire(batch).onComplete(ar -> {
      if (ar.succeeded()) {
        expired.increment(ar.result());
        if (ar.result() >= batch && !stopped) {
          next();
          return;
        }
      } else {
        warn(ar.cause());
      }
      sweeping.set(false);
    });
  }

  /** At most once a minute: a database outage would otherwise add a line every interval to the ones it causes. */
  private void warn(Throwable cause) {
    long now = System.currentTimeMillis();
    if (now - lastWarning >= WARNING_INTERVAL_MILLIS) {
      lastWarning = now;
      LOG.warn("Expired idempotency records could not be deleted; the next sweep tries again: {}",
          String.valueOf(cause));
    }
  }
}
