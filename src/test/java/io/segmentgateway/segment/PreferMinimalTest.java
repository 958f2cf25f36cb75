package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Prefer: return=minimal (RFC 7240) on PATCH and POST: the change is made, the answer carries no body. */
class PreferMinimalTest extends ApiTest {

  private Reply patch(String prefer, JsonObject body) {
    return server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments").putHeader("Prefer", prefer),
        body);
  }

  @Test
  void aMinimalPatchIs204WithTheNewEtagAndNoBodyAndTheChangeIsMade() {
    String id = createSegment(newSegment("before")).getString("id");
    Reply reply = patch("return=minimal", new JsonObject().put("id", id).put("name", "after"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    assertThat(reply.header("ETag")).isEqualTo("\"2\"");
    assertThat(reply.header("Preference-Applied")).isEqualTo("return=minimal");
    assertThat(reply.body() == null || reply.body().length() == 0).isTrue();
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).json().getString("name")).isEqualTo("after");
  }

  @Test
  void aMinimalCreateIs201WithLocationAndEtagAndNoBody() {
    Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.POST, "/v1/segments")
        .putHeader("Prefer", "return=minimal"), newSegment("minimal"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Location")).startsWith("/v1/segments/seg_");
    assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    assertThat(reply.header("Preference-Applied")).isEqualTo("return=minimal");
    assertThat(reply.body() == null || reply.body().length() == 0).isTrue();
    assertThat(send(server.keyA(), HttpMethod.GET, reply.header("Location")).status()).isEqualTo(200);
  }

  @Test
  void thePreferenceNameIsReadInAnyCaseQuotedAndAmongOthers() {
    String id = createSegment(newSegment("case")).getString("id");
    for (String prefer : new String[] {"RETURN=minimal", "respond-async, return=\"minimal\"; x=1",
        "wait=5,return=minimal"}) {
      assertThat(patch(prefer, new JsonObject().put("id", id).put("description", prefer)).status())
          .as(prefer).isEqualTo(204);
    }
  }

  @Test
  void representationOrAnUnreadablePreferenceGetsTheWholeSegment() {
    String id = createSegment(newSegment("whole")).getString("id");
    // Values compare exactly (RFC 7240 §2): return=MINIMAL names no preference the service knows.
    for (String prefer : new String[] {"return=representation", "return", "handling=lenient", "", "return=MINIMAL",
        "Return=Minimal"}) {
      Reply reply = patch(prefer, new JsonObject().put("id", id).put("description", "d" + prefer.length()));
      assertThat(reply.status()).as(prefer).isEqualTo(200);
      assertThat(reply.header("Preference-Applied")).as(prefer).isNull();
      assertThat(reply.json().getString("id")).isEqualTo(id);
    }
  }
}
