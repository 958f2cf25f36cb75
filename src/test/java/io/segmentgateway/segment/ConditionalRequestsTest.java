package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The conditional headers beyond PATCH's If-Match (RFC 9110 §13): If-Match on DELETE and GET, If-None-Match on
 * GET and HEAD (304), PATCH and DELETE (412); a missing segment is a 404 whatever the conditions say.
 */
class ConditionalRequestsTest extends ApiTest {

  private Reply with(HttpMethod method, String uri, String header, String value) {
    return server.send(server.as(server.keyA(), method, uri).putHeader(header, value));
  }

  private Reply patchWith(String id, String header, String value) {
    return server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments").putHeader(header, value),
        new JsonObject().put("id", id).put("name", "changed"));
  }

  private String created() {
    return createSegment(newSegment("Conditional")).getString("id");
  }

  private int statusOf(String id) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).status();
  }

  private long versionOf(String id) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json().getLong("version");
  }

  @Test
  void deleteWithIfMatchOfAnotherVersionIs412AndDeletesNothing() {
    String id = created();
    for (String tag : new String[] {"\"99\"", "W/\"1\""}) {
      Reply reply = with(HttpMethod.DELETE, "/v1/segments/" + id, "If-Match", tag);
      assertThat(reply.status()).as(tag + " " + reply).isEqualTo(412);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      assertThat(reply.json().getString("type")).isEqualTo("precondition-failed");
      assertThat(statusOf(id)).isEqualTo(200);
    }
  }

  @Test
  void deleteWithIfMatchOfTheCurrentVersionDeletes() {
    String id = created();
    assertThat(with(HttpMethod.DELETE, "/v1/segments/" + id, "If-Match", "\"5\", \"1\"").status()).isEqualTo(204);
    assertThat(statusOf(id)).isEqualTo(404);
  }

  @Test
  void deleteWithAMalformedIfMatchIs400AndDeletesNothing() {
    String id = created();
    Reply reply = with(HttpMethod.DELETE, "/v1/segments/" + id, "If-Match", "garbage");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.json().toString()).contains("If-Match");
    assertThat(statusOf(id)).isEqualTo(200);
  }

  @Test
  void aMissingSegmentIs404WhateverTheConditions() {
    String missing = "seg_doesnotexist1";
    assertThat(with(HttpMethod.DELETE, "/v1/segments/" + missing, "If-Match", "\"1\"").status()).isEqualTo(404);
    assertThat(with(HttpMethod.DELETE, "/v1/segments/" + missing, "If-None-Match", "*").status()).isEqualTo(404);
    assertThat(patchWith(missing, "If-None-Match", "\"1\"").status()).isEqualTo(404);
    assertThat(with(HttpMethod.GET, "/v1/segments/" + missing, "If-None-Match", "*").status()).isEqualTo(404);
  }

  @Test
  void getWithIfNoneMatchOfTheCurrentVersionIs304WithItsEtagAndNoBody() {
    String id = created();
    for (String tag : new String[] {"\"1\"", "W/\"1\"", "*", "\"7\", \"1\""}) {
      Reply reply = with(HttpMethod.GET, "/v1/segments/" + id, "If-None-Match", tag);
      assertThat(reply.status()).as(tag + " " + reply).isEqualTo(304);
      assertThat(reply.header("ETag")).isEqualTo("\"1\"");
      assertThat(reply.body() == null || reply.body().length() == 0).as(reply.toString()).isTrue();
      // A 304 may carry Content-Length only as the 200's length (RFC 9110 §8.6); it carries none.
      assertThat(reply.header("Content-Length")).as(reply.headers().toString()).isNull();
    }
    Reply head = with(HttpMethod.HEAD, "/v1/segments/" + id, "If-None-Match", "\"1\"");
    assertThat(head.status()).isEqualTo(304);
  }

  @Test
  void getWithIfNoneMatchOfAnOlderVersionIsTheSegment() {
    String id = created();
    assertThat(patchWith(id, "If-Match", "\"1\"").status()).isEqualTo(200);
    Reply reply = with(HttpMethod.GET, "/v1/segments/" + id, "If-None-Match", "\"1\"");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
    assertThat(reply.json().getString("name")).isEqualTo("changed");
  }

  @Test
  void getWithIfMatchOfAnotherVersionIs412() {
    String id = created();
    Reply reply = with(HttpMethod.GET, "/v1/segments/" + id, "If-Match", "\"9\"");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(412);
    assertThat(reply.json().getString("type")).isEqualTo("precondition-failed");
    assertThat(with(HttpMethod.GET, "/v1/segments/" + id, "If-Match", "\"1\"").status()).isEqualTo(200);
  }

  @Test
  void patchWithIfNoneMatchOfTheCurrentVersionIs412AndChangesNothing() {
    String id = created();
    for (String tag : new String[] {"*", "\"1\"", "W/\"1\""}) {
      Reply reply = patchWith(id, "If-None-Match", tag);
      assertThat(reply.status()).as(tag + " " + reply).isEqualTo(412);
      assertThat(reply.json().getString("type")).isEqualTo("precondition-failed");
      assertThat(versionOf(id)).isEqualTo(1);
    }
  }

  @Test
  void patchWithIfNoneMatchOfAnotherVersionApplies() {
    String id = created();
    Reply reply = patchWith(id, "If-None-Match", "\"7\"");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
  }

  @Test
  void aPatchDryRunEvaluatesIfNoneMatchToo() {
    String id = created();
    Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments?dryRun=true")
        .putHeader("If-None-Match", "\"1\""), new JsonObject().put("id", id).put("name", "changed"));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(412);
  }

  @Test
  void deleteWithIfNoneMatchStarIs412AndDeletesNothing() {
    String id = created();
    assertThat(with(HttpMethod.DELETE, "/v1/segments/" + id, "If-None-Match", "*").status()).isEqualTo(412);
    assertThat(statusOf(id)).isEqualTo(200);
    assertThat(with(HttpMethod.DELETE, "/v1/segments/" + id, "If-None-Match", "\"3\"").status()).isEqualTo(204);
    assertThat(statusOf(id)).isEqualTo(404);
  }

  @Test
  void aMalformedIfNoneMatchIs400() {
    String id = created();
    Reply reply = with(HttpMethod.GET, "/v1/segments/" + id, "If-None-Match", "1");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.json().toString()).contains("If-None-Match");
  }

  @Test
  void aKeyedDeleteWithIfMatchOfAnotherVersionIs412AndLeavesNoRecord() {
    String id = created();
    Reply first = server.send(server.as(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id)
        .putHeader("If-Match", "\"4\"").putHeader("Idempotency-Key", "\"conditional-delete-1\""));
    assertThat(first.status()).as(first.toString()).isEqualTo(412);
    Reply retry = server.send(server.as(server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id)
        .putHeader("If-Match", "\"1\"").putHeader("Idempotency-Key", "\"conditional-delete-1\""));
    assertThat(retry.status()).as(retry.toString()).isEqualTo(204);
    assertThat(statusOf(id)).isEqualTo(404);
  }
}
