package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expired idempotency records are deleted off the request path, a small batch at a time, and fresh ones kept. */
class RecordExpiryTest extends ApiTest {

  private static final String EXPIRED = "segment_gateway_idempotency_records_expired_total";

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withIdempotency(new AppConfig.Idempotency(24, 100, 3));
  }

  @Test
  void expiredRecordsAreDeletedInSmallBatchesAndFreshOnesStay() {
    // 10 records of 25 h ago and 2 of an hour ago, for the sweep to tell apart (batches of 3: four statements).
    TestDatabase.execute(KeyedRequests.direct(server), "INSERT INTO idempotency_records"
        + " (app_id, key, status, fingerprint, created_at)"
        + " SELECT 'app-a', 'old-' || n, 204, sha256('x'), now() - interval '25 hours' FROM generate_series(1, 10) n"
        + " UNION ALL SELECT 'app-a', 'new-' || n, 204, sha256('x'), now() - interval '1 hour'"
        + " FROM generate_series(1, 2) n");

    Pause.until("the expired records deleted",
        () -> queryLong(server, "SELECT count(*) FROM idempotency_records WHERE key LIKE 'old-%'") == 0, 10_000);
    assertThat(queryLong(server, "SELECT count(*) FROM idempotency_records WHERE key LIKE 'new-%'")).isEqualTo(2);
    PrometheusText metrics = new PrometheusText(server.send(server.as(null, HttpMethod.GET, "/metrics")).body()
        .toString());
    assertThat(metrics.value(EXPIRED, Map.of())).isEqualTo(10);
  }
}
