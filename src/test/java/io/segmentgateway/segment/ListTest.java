package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/segments: keyset pages by id within the app, and the limits of limit and after. */
class ListTest extends ApiTest {

  /** App A's ids, in the order the list gives them (byte order). */
  private final List<String> idsOfA = new ArrayList<>();
  private String keyC;

  @BeforeAll
  void createSegments() {
    for (String id : List.of("seg_B2", "seg_a1", "seg_A1", "seg_b3", "seg_0z")) {
      idsOfA.add(createSegment(newSegment("A " + id).put("id", id)).getString("id"));
    }
    idsOfA.sort(String::compareTo);
    createSegment(server.keyB(), newSegment("B one").put("id", "seg_A2"));
    createSegment(server.keyB(), newSegment("B two"));
    keyC = ApiKeys.create(server.server().statements(), "app-c-empty").await();
  }

  private Reply list(String query) {
    return send(server.keyA(), HttpMethod.GET, "/v1/segments" + query);
  }

  private static List<String> ids(Reply reply) {
    return reply.json().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  @Test
  void pagesFollowEachOtherWithoutGapsOrRepeatsAndOnlyTheAppsOwn() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply reply = list("?limit=2" + (cursor == null ? "" : "&after=" + cursor));
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      List<String> page = ids(reply);
      assertThat(page.size()).isBetween(1, 2);
      seen.addAll(page);
      cursor = reply.json().getString("next");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(idsOfA);
  }

  @Test
  void aFullLastPageHasNoNextCursor() {
    Reply first = list("?limit=4");
    assertThat(ids(first)).hasSize(4);
    Reply second = list("?limit=1&after=" + first.json().getString("next"));
    assertThat(ids(second)).containsExactly(idsOfA.get(4));
    assertThat(second.json().getValue("next")).isNull();
    assertThat(second.json().containsKey("next")).isTrue();
  }

  @Test
  void theDefaultLimitReturnsEverythingHereWithNextNull() {
    Reply reply = list("");
    assertThat(ids(reply)).isEqualTo(idsOfA);
    assertThat(reply.json().getValue("next")).isNull();
  }

  @Test
  void limitOneAndTwoHundredAreAccepted() {
    assertThat(ids(list("?limit=1"))).containsExactly(idsOfA.get(0));
    assertThat(ids(list("?limit=200"))).isEqualTo(idsOfA);
  }

  @Test
  void aLimitOutsideOneToTwoHundredOrNotANumberIs400() {
    for (String limit : List.of("0", "201", "junk", "-1", "1.5", "", "99999999999")) {
      Reply reply = list("?limit=" + limit);
      assertThat(reply.status()).as("limit=" + limit).isEqualTo(400);
      assertThat(reply.contentType()).isEqualTo("application/problem+json");
      JsonObject error = reply.json().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("parameter")).isEqualTo("limit");
      assertThat(error.getString("message")).isNotBlank();
    }
  }

  @Test
  void aCursorThatThisServiceDidNotMakeIs400() {
    for (String cursor : List.of("!!!", "bm90LWFuLWlk", "", "seg_A1")) {
      Reply reply = list("?after=" + cursor);
      assertThat(reply.status()).as("after=" + cursor).isEqualTo(400);
      assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("parameter")).isEqualTo("after");
    }
  }

  @Test
  void aBadLimitAndABadCursorAreReportedTogether() {
    Reply reply = list("?limit=0&after=junk!");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().getJsonArray("errors")).hasSize(2);
  }

  @Test
  void aCursorOfADeletedOrUnknownIdStillContinuesInOrder() {
    Reply reply = list("?after=" + SegmentIds.cursorAfter("seg_A9"));
    assertThat(ids(reply)).isEqualTo(idsOfA.stream().filter(id -> id.compareTo("seg_A9") > 0).toList());
  }

  @Test
  void anAppWithoutSegmentsGetsAnEmptyPage() {
    Reply reply = send(keyC, HttpMethod.GET, "/v1/segments");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getJsonArray("items")).isEmpty();
    assertThat(reply.json().getValue("next")).isNull();
  }
}
