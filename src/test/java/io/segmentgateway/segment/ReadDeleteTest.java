package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** GET and DELETE /v1/segments/{id}, each app seeing only its own segments. */
class ReadDeleteTest extends ApiTest {

  @Test
  void aSegmentIsReadWithItsEtag() {
    JsonObject created = createSegment(newSegment("read me"));
    Reply reply = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + created.getString("id"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(reply.json()).isEqualTo(created);
  }

  @Test
  void anUnknownIdIs404() {
    Reply reply = send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_unknown");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).isEqualTo("application/problem+json");
    assertThat(reply.json().getString("type")).isEqualTo("not-found");
  }

  @Test
  void anIdThatCannotExistIs404() {
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/not-an-id").status()).isEqualTo(404);
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_" + "a".repeat(65)).status()).isEqualTo(404);
    assertThat(send(server.keyA(), HttpMethod.DELETE, "/v1/segments/seg_%20x").status()).isEqualTo(404);
  }

  @Test
  void anotherAppsSegmentIs404() {
    JsonObject theirs = createSegment(server.keyB(), newSegment("theirs"));
    Reply reply = send(server.keyA(), HttpMethod.GET, "/v1/segments/" + theirs.getString("id"));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().toString()).doesNotContain("theirs");
  }

  @Test
  void aDeleteIs204AndTheSegmentIsGone() {
    String id = createSegment(newSegment("delete me")).getString("id");
    Reply deleted = send(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isNull();
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).status()).isEqualTo(404);
    assertThat(send(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id).status()).isEqualTo(404);
  }

  @Test
  void deletingAnotherAppsSegmentIs404AndLeavesIt() {
    String id = createSegment(server.keyB(), newSegment("theirs")).getString("id");
    assertThat(send(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id).status()).isEqualTo(404);
    assertThat(send(server.keyB(), HttpMethod.GET, "/v1/segments/" + id).status()).isEqualTo(200);
  }
}
