package io.segmentgateway.segment.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.telemetry.MeterNames;

/**
 * What PATCH batching does under the load it sees: segment_gateway_db_patch_batch_size (PATCHes per statement
 * and commit; a quiet service sends batches of one) and segment_gateway_db_patch_batch_fallbacks_total (batches
 * the database refused, whose members were then sent one by one).
 */
public final class BatchMetrics {

  private final DistributionSummary sizes;
  private final Counter fallbacks;

  public BatchMetrics(MeterRegistry registry) {
    sizes = DistributionSummary.builder(MeterNames.PREFIX + "db.patch.batch.size")
        .description("PATCHes sent in one UPDATE statement and one commit")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
        .register(registry);
    fallbacks = Counter.builder(MeterNames.PREFIX + "db.patch.batch.fallbacks")
        .description("Batches the database refused as a whole; each of their PATCHes was then sent alone")
        .register(registry);
  }

  public void batch(int size) {
    sizes.record(size);
  }

  public void fallback() {
    fallbacks.increment();
  }
}
