package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under a retry storm: many clients create, patch and delete segments with an Idempotency-Key on every
 * write, resend a tenth of their writes with the same key (a fifth of those at the same moment as the first), and
 * retry each write with its key until it is answered, while connections are cut between client and service and
 * between service and database. Afterwards the database is what each write applied once makes it: one segment per
 * create, a version of 1 plus its PATCH keys, deleted ones gone, one record per write; and every answer a client saw
 * was the write's outcome or a retryable error (503, 409 in progress, a lost connection).
 */
class RetryStormTest extends ApiTest {

  private static final int CLIENTS = 24;
  private static final long TRAFFIC_MILLIS = 20_000;
  private static final long SETTLE_MILLIS = 25_000;

  private FaultProxy front;

  @Override
  protected boolean throughProxy() {
    return true;
  }

  @Override
  protected AppConfig configure(AppConfig config) {
    AppConfig.RateLimit limit = config.rateLimit();
    return config.withInstances(2)
        .withRateLimit(new AppConfig.RateLimit(0, limit.burst(), limit.maxKeys(), limit.redis()));
  }

  @AfterAll
  void closeFront() {
    if (front != null) {
      front.close();
    }
  }

  @Test
  void theDatabaseEqualsTheExactlyOnceModelAfterARetryStorm() throws Exception {
    front = FaultProxy.start("127.0.0.1", server.server().port());
    StormClients storm = new StormClients(front.port(), server.keyA(), CLIENTS);
    long start = System.nanoTime();
    storm.start(TRAFFIC_MILLIS, TRAFFIC_MILLIS + SETTLE_MILLIS);
    int cuts = 0;
    // A cut every 1.2 s or so, alternately before and behind the service, each lasting 0.2-0.4 s.
    while (Pause.millisSince(start) < TRAFFIC_MILLIS - 1_000) {
      Pause.sleep(800 + (cuts % 3) * 200);
      FaultProxy cut = cuts % 2 == 0 ? front : proxy;
      cut.cut();
      Pause.sleep(200 + (cuts % 3) * 100);
      cut.restore();
      cuts++;
    }
    StormClients.Result result = storm.await(TRAFFIC_MILLIS + SETTLE_MILLIS + 5_000);
    System.out.println("retry storm: " + Pause.millisSince(start) + " ms, " + cuts + " cuts (" + (cuts + 1) / 2
        + " client-service, " + cuts / 2 + " service-database), " + result.summary());

    assertThat(result.unexpected()).as("answers that were neither the outcome nor a retryable error").isEmpty();
    assertThat(result.unresolved()).as("writes never answered once the faults stopped").isZero();
    assertThat(result.twiceFresh()).as("keys answered as a change made now more than once").isEmpty();
    assertThat(result.differentOutcomes()).as("keys whose answers differ").isEmpty();
    assertThat(result.replays()).isPositive();
    assertThat(result.retryable()).isPositive();

    Map<String, Long> versions = versions();
    assertThat(queryLong(server, "SELECT count(*) FROM (SELECT name FROM segments GROUP BY name"
        + " HAVING count(*) > 1) twice")).as("segments created twice").isZero();
    Map<String, Long> expected = new HashMap<>();
    result.segments().forEach((id, patches) -> {
      if (!result.deleted().contains(id)) {
        expected.put(id, 1L + patches);
      }
    });
    assertThat(versions).isEqualTo(expected);
    assertThat(queryLong(server, "SELECT count(*) FROM idempotency_records")).isEqualTo(result.writes());
  }

  /** Every segment of app A: id to version. */
  private Map<String, Long> versions() throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (Connection c = TestDatabase.connect(KeyedRequests.direct(server)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, version FROM segments WHERE app_id = 'app-a'")) {
      while (rs.next()) {
        versions.put(rs.getString(1), rs.getLong(2));
      }
    }
    return versions;
  }
}
