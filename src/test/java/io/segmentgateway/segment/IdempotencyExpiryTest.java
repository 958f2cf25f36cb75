package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.REPLAYED;
import static io.segmentgateway.segment.KeyedRequests.delete;
import static io.segmentgateway.segment.KeyedRequests.newKey;
import static io.segmentgateway.segment.KeyedRequests.patch;
import static io.segmentgateway.segment.KeyedRequests.post;
import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static io.segmentgateway.segment.KeyedRequests.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A record older than the retention (24 h) no longer answers: the key is new again, whether or not the record has
 * been deleted yet. Here nothing deletes it (the sweep runs once an hour), so the writes meet the expired rows.
 */
class IdempotencyExpiryTest extends ApiTest {

  @Override
  protected AppConfig configure(AppConfig config) {
    return config.withIdempotency(new AppConfig.Idempotency(24, 3_600_000, 1000));
  }

  /** Makes the key's record 24 h and one second old. */
  private void expire(String key) {
    TestDatabase.execute(KeyedRequests.direct(server), "UPDATE idempotency_records"
        + " SET created_at = now() - interval '24 hours 1 second' WHERE key = '" + key + "'");
  }

  @Test
  void anExpiredPatchKeyRunsAgainAndIsRecordedAfresh() {
    String id = createSegment(newSegment("expiring")).getString("id");
    String key = newKey();
    String body = "{\"id\":\"" + id + "\",\"name\":\"again\"}";
    assertThat(patch(server, key, body).json().getLong("version")).isEqualTo(2L);
    expire(key);

    Reply again = patch(server, key, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header(REPLAYED)).isNull();
    assertThat(again.json().getLong("version")).isEqualTo(3L);
    assertThat(version(server, id)).isEqualTo(3);
    // Recorded afresh: the next retry within 24 h is a replay of the second change.
    Reply replay = patch(server, key, body);
    assertThat(replay.header(REPLAYED)).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(again.body());
    assertThat(queryLong(server, "SELECT count(*) FROM idempotency_records WHERE key = '" + key + "'")).isEqualTo(1);
  }

  @Test
  void anExpiredCreateKeyCreatesAgainAndAnExpiredKeyIsFreeForAnotherRequest() {
    String key = newKey();
    String body = "{\"name\":\"expired create\",\"constraints\":[]}";
    String first = post(server, key, body).json().getString("id");
    expire(key);

    Reply second = post(server, key, body);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.header(REPLAYED)).isNull();
    assertThat(second.json().getString("id")).isNotEqualTo(first);
    expire(key);
    // Another request with an expired key is no 422: the key is simply new.
    Reply deleted = delete(server, key, first);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.header(REPLAYED)).isNull();
  }
}
