package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.direct;
import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The record checks of keyed writes stay probes of an index when the plans their statements were prepared with
 * date from an empty table: a new deployment, or a table that expiry emptied and VACUUM recorded as empty. Such a
 * plan is a sequential scan (or a hash of the whole table), the cheapest way to read nothing, and a prepared
 * statement keeps it while the table grows; every keyed write then read every record. Counted by PostgreSQL's own
 * statistics of the table (pg_stat_user_tables), with autovacuum off for it, so that no ANALYZE replaces a plan: no
 * sequential scan, and no more rows read than probes make (a plan kept from the empty table may also range over
 * the created_at index, which covers every fresh record).
 */
class IdempotencyPlanTest extends ApiTest {

  private static final String SCANS = "SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'idempotency_records'";
  private static final String INSERTS = "SELECT n_tup_ins FROM pg_stat_user_tables"
      + " WHERE relname = 'idempotency_records'";
  /** Rows read from the table or its indexes: a probe reads at most one, a scan of some index all it covers. */
  private static final String READ = "SELECT coalesce(t.seq_tup_read, 0)"
      + " + (SELECT coalesce(sum(i.idx_tup_read), 0) FROM pg_stat_user_indexes i WHERE i.relid = t.relid)"
      + " FROM pg_stat_user_tables t WHERE t.relname = 'idempotency_records'";
  private static final int WRITES = 40;
  /** Rounds of BATCH PATCHes (of as many segments) at once: batch statements on every connection. */
  private static final int ROUNDS = 40;
  private static final int BATCH = 6;
  /**
   * Rounds sent twice with the same keys: the second round's batches are refused by their records and go again
   * with the records checked (RecordedWrites.UPDATE_MANY_CHECKED), and each member is answered from its record.
   */
  private static final int RETRIED = 10;

  @Test
  void keyedWritesProbeTheRecordsIndexWhateverTheTableWasWhenTheirPlansWereMade() {
    TestDatabase.execute(direct(server), "ALTER TABLE idempotency_records SET (autovacuum_enabled = false)");
    TestDatabase.execute(direct(server), "VACUUM ANALYZE idempotency_records");
    List<String> ids = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      ids.add(createSegment());
      missing.add("seg_missing" + i);
    }
    // Enough executions on every connection for PostgreSQL to settle on a generic plan, and for PL/pgSQL to keep
    // it, while the table is empty (PATCHes of missing segments leave no record) and then while it is small: one
    // at a time (one-member batches) and rounds of several segments at once (batches of several).
    writes(missing, 404);
    writes(ids, 200);
    replay(ids.get(0));

    TestDatabase.execute(direct(server), "INSERT INTO idempotency_records (app_id, key, status, fingerprint)"
        + " SELECT 'app-other', 'bulk-' || n, 204, sha256('x') FROM generate_series(1, 100000) n");
    long scansBefore = settled(SCANS);
    long insertsBefore = settled(INSERTS);
    long readBefore = settled(READ);

    writes(ids, 200);
    replay(ids.get(0));

    // Each keyed PATCH leaves a record, apart from the replays: WRITES, ROUNDS and RETRIED rounds, the replay's first.
    int recorded = WRITES + (ROUNDS + RETRIED) * BATCH + 1;
    int keyedWrites = recorded + RETRIED * BATCH + 1;
    Pause.until("the service's backends report their records",
        () -> queryLong(server, INSERTS) - insertsBefore >= recorded, 20_000);
    assertThat(queryLong(server, SCANS) - scansBefore)
        .as("sequential scans of idempotency_records by keyed writes once it holds 100,000 records")
        .isZero();
    // Each keyed PATCH and the replay: a probe of the primary key (a row at most), not the whole primary key, nor a
    // range of the created_at index, whose fresh records are all 100,000 of them.
    assertThat(settled(READ) - readBefore)
        .as("rows of idempotency_records read by %d keyed writes once it holds 100,000 records", keyedWrites)
        .isLessThan(4L * keyedWrites);
  }

  private String createSegment() {
    Reply created = KeyedRequests.post(server, null, "{\"name\": \"plans\", \"constraints\": []}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  /** WRITES keyed PATCHes one after another, then ROUNDS rounds of one per segment at once; all answered status. */
  private void writes(List<String> segments, int status) {
    for (int i = 0; i < WRITES; i++) {
      keyedPatches(List.of(segments.get(i % segments.size())), newKeys(1), status);
    }
    for (int round = 0; round < ROUNDS; round++) {
      keyedPatches(segments, newKeys(segments.size()), status);
    }
    if (status == 200) {
      for (int round = 0; round < RETRIED; round++) {
        List<String> keys = newKeys(segments.size());
        keyedPatches(segments, keys, status);
        keyedPatches(segments, keys, status);
      }
    }
  }

  private static List<String> newKeys(int n) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(KeyedRequests.newKey());
    }
    return keys;
  }

  /** A PATCH of each segment at once, with the key of the same index; all answered status. */
  private void keyedPatches(List<String> segments, List<String> keys, int status) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (String id : segments) {
      String body = "{\"id\": \"" + id + "\", \"name\": \"plans " + sent.size() + "\"}";
      sent.add(KeyedRequests.start(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", keys.get(sent.size()),
          body));
    }
    for (Future<HttpResponse<Buffer>> patch : sent) {
      HttpResponse<Buffer> response = answered(patch);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    }
  }

  private static HttpResponse<Buffer> answered(Future<HttpResponse<Buffer>> response) {
    try {
      return response.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  /** A keyed write sent twice: the second is answered from the record (the record's lookup). */
  private void replay(String id) {
    String key = KeyedRequests.newKey();
    String body = "{\"id\": \"" + id + "\", \"description\": \"replayed\"}";
    assertThat(KeyedRequests.patch(server, key, body).status()).isEqualTo(200);
    Reply again = KeyedRequests.patch(server, key, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header(KeyedRequests.REPLAYED)).isEqualTo("true");
  }

  /** The counter once the service's backends have reported what they did (it stops moving). */
  private long settled(String sql) {
    long last = queryLong(server, sql);
    int unchanged = 0;
    for (int i = 0; i < 60 && unchanged < 3; i++) {
      Pause.sleep(500);
      long now = queryLong(server, sql);
      unchanged = now == last ? unchanged + 1 : 0;
      last = now;
    }
    return last;
  }
}
