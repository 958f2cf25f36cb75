package io.segmentgateway.segment;

import static io.segmentgateway.segment.KeyedRequests.REPLAYED;
import static io.segmentgateway.segment.KeyedRequests.newKey;
import static io.segmentgateway.segment.KeyedRequests.queryLong;
import static io.segmentgateway.segment.KeyedRequests.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.Server;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One key sent at the same moment to two instances on one database, which no instance's memory can see: the
 * record's primary key makes the second statement wait for the first's commit and fail, and the second request is
 * answered from the first's record. Each write statement is held 0.5 s in the database so that the two overlap.
 */
class IdempotencyInstancesTest extends ApiTest {

  private Server other;
  private WebClient otherClient;

  @BeforeAll
  void startTheOtherInstance() {
    other = Server.start(server.config());
    otherClient = WebClient.create(other.vertx(), new WebClientOptions()
        .setDefaultHost("localhost")
        .setDefaultPort(other.port()));
  }

  @AfterAll
  void stopTheOtherInstance() {
    otherClient.close();
    other.close();
  }

  @AfterEach
  void fast() {
    TestDatabase.execute(server.config().db(), "DROP TRIGGER IF EXISTS slow_insert ON segments");
    TestDatabase.execute(server.config().db(), "DROP TRIGGER IF EXISTS slow_write ON segments");
  }

  private void slow(String trigger, String event) {
    TestDatabase.execute(server.config().db(), "CREATE OR REPLACE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql"
        + " AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NULL; END $$");
    TestDatabase.execute(server.config().db(), "CREATE TRIGGER " + trigger + " BEFORE " + event
        + " ON segments FOR EACH STATEMENT EXECUTE FUNCTION slow()");
  }

  @Test
  void aCreateSentToTwoInstancesAtOnceCreatesOneSegmentAndBothGetItsAnswer() {
    slow("slow_insert", "INSERT");
    String key = newKey();
    String body = "{\"name\":\"twice at once\",\"constraints\":[]}";
    List<Reply> replies = both(HttpMethod.POST, "/v1/segments", key, body);

    assertThat(queryLong(server, "SELECT count(*) FROM segments WHERE name = 'twice at once'")).isEqualTo(1);
    assertOneRanOneReplayed(replies, 201);
  }

  @Test
  void aPatchSentToTwoInstancesAtOnceAppliesOnce() {
    String id = createSegment(newSegment("patched at once")).getString("id");
    slow("slow_write", "UPDATE");
    List<Reply> replies = both(HttpMethod.PATCH, "/v1/segments", newKey(),
        "{\"id\":\"" + id + "\",\"name\":\"once\"}");

    assertThat(version(server, id)).isEqualTo(2);
    assertOneRanOneReplayed(replies, 200);
  }

  @Test
  void aDeleteSentToTwoInstancesAtOnceIs204ForBoth() {
    String id = createSegment(newSegment("deleted at once")).getString("id");
    slow("slow_write", "DELETE");
    List<Reply> replies = both(HttpMethod.DELETE, "/v1/segments/" + id, newKey(), null);

    assertThat(version(server, id)).isEqualTo(-1);
    assertOneRanOneReplayed(replies, 204);
  }

  private static void assertOneRanOneReplayed(List<Reply> replies, int status) {
    for (Reply reply : replies) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    }
    assertThat(replies.stream().filter(r -> "true".equals(r.header(REPLAYED))).count()).isEqualTo(1);
    assertThat(replies.get(0).body()).isEqualTo(replies.get(1).body());
    assertThat(replies.get(0).header("ETag")).isEqualTo(replies.get(1).header("ETag"));
  }

  /** The same request to this instance and to the other, at once. */
  private List<Reply> both(HttpMethod method, String uri, String key, String body) {
    Future<HttpResponse<Buffer>> here = KeyedRequests.start(server, server.keyA(), method, uri, key, body);
    HttpRequest<Buffer> there = otherClient.request(method, uri)
        .putHeader("Authorization", "Bearer " + server.keyA())
        .putHeader("Idempotency-Key", "\"" + key + "\"");
    Future<HttpResponse<Buffer>> thereSent = body == null ? there.send()
        : there.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
    return List.of(TestServer.await(here), TestServer.await(thereSent));
  }
}
