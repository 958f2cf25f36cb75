package io.segmentgateway.segment.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.telemetry.MeterNames;

/**
 * What batching does under the load it sees, per kind of statement ("patch", "read"):
 * segment_gateway_db_&lt;kind&gt;_batch_size (requests per statement; a quiet service sends batches of one) and
 * segment_gateway_db_&lt;kind&gt;_batch_fallbacks_total (batches the database refused, whose members were then
 * sent one by one).
 */
public final class BatchMetrics {

  private final DistributionSummary sizes;
  private final Counter fallbacks;

  public BatchMetrics(MeterRegistry registry, String kind) {
    sizes = DistributionSummary.builder(MeterNames.PREFIX + "db." + kind + ".batch.size")
        .description("Requests sent in one " + kind + " statement")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
        .register(registry);
    fallbacks = Counter.builder(MeterNames.PREFIX + "db." + kind + ".batch.fallbacks")
        .description("Batches the database refused as a whole; each of their requests was then sent alone")
        .register(registry);
  }

  void batch(int size) {
    sizes.record(size);
  }

  void fallback() {
    fallbacks.increment();
  }
}
