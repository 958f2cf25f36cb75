package io.segmentgateway.segment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.http.JsonBody;
import io.segmentgateway.segment.validation.ReferenceSchemas;
import io.segmentgateway.telemetry.MeterNames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.json.schema.OutputUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The published validator on the live path, without its cost: the fast check decides every answer, and a bounded
 * sample of the bodies it judged (perSecond a second per instance) is checked again by vertx-json-schema on the
 * schema files, on a worker thread. A verdict that differs is counted
 * (segment_gateway_validation_reference_disagreements_total) and logged with the request id; it never changes an
 * answer, which has long been sent. Off the event loop the reference costs the loops nothing but the offer: one
 * clock read and one compare-and-set.
 */
public final class SchemaSample {

  /** Which schema judges the body. */
  public enum Kind { PATCH, CREATE, EVALUATE_SEGMENT, EVALUATE_CONSTRAINTS }

  private static final Logger LOG = LoggerFactory.getLogger(SchemaSample.class);
  /** Checks queued or running at once: beyond them an offer is dropped (a slow worker pool never piles up work). */
  private static final int MAX_PENDING = 4;

  private final Vertx vertx;
  private final ReferenceSchemas reference;
  private final long intervalNanos;
  private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter checks;
  private final Counter disagreements;

  /** perSecond 0 turns the sample off (reference is then not needed and may be null). */
  public SchemaSample(Vertx vertx, ReferenceSchemas reference, double perSecond, MeterRegistry registry) {
    this.vertx = vertx;
    this.reference = reference;
    this.intervalNanos = perSecond > 0 ? Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond)) : -1;
    this.checks = Counter.builder(MeterNames.PREFIX + "validation.reference.checks")
        .description("Request bodies checked again by vertx-json-schema, off the event loop (a sample)")
        .register(registry);
    this.disagreements = Counter.builder(MeterNames.PREFIX + "validation.reference.disagreements")
        .description("Sampled bodies on which vertx-json-schema and the fast check gave different verdicts")
        .register(registry);
  }

  /**
   * Called for each body the fast check judged; takes it into the sample when this second's share is not yet used.
   * schemaValid: the fast check's verdict on what the schema files say (the rules beyond them are not compared).
   */
  public void offer(Kind kind, Buffer body, boolean schemaValid, String requestId) {
    if (intervalNanos < 0 || !due()) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return;
    }
    vertx.executeBlocking(() -> verdict(kind, body), false)
        .onComplete(ar -> {
          pending.decrementAndGet();
          if (ar.succeeded()) {
            compare(kind, ar.result(), schemaValid, requestId);
          } else {
            LOG.warn("The reference check of a {} body failed: {}", kind, ar.cause().toString());
          }
        });
  }

  /** One body per interval: the clock decides, so that the sample is spread over time and over loops. */
  private boolean due() {
    long now = System.nanoTime();
    long next = nextNanos.get();
    return now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos);
  }

  private OutputUnit verdict(Kind kind, Buffer body) {
    Object tree = JsonBody.parse(body);
    return switch (kind) {
      case PATCH -> reference.patch(tree);
      case CREATE -> reference.create(tree);
      case EVALUATE_SEGMENT -> reference.evaluateSegment(tree);
      case EVALUATE_CONSTRAINTS -> reference.evaluateConstraints(tree);
    };
  }

  private void compare(Kind kind, OutputUnit verdict, boolean schemaValid, String requestId) {
    checks.increment();
    if (verdict.getValid() == schemaValid) {
      return;
    }
    disagreements.increment();
    MDC.put("requestId", requestId);
    try {
      LOG.warn("The fast check and vertx-json-schema disagree on a {} body (request id {}): the fast check says {},"
          + " the schema files say {}{}", kind, requestId, schemaValid ? "valid" : "invalid",
          verdict.getValid() ? "valid" : "invalid", verdict.getErrors() == null ? "" : " " + verdict.getErrors());
    } finally {
      MDC.remove("requestId");
    }
  }
}
