package io.segmentgateway.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The judge of the API tests' answers: what openapi.json describes passes, and each kind of drift fails. */
class OpenApiContractTest {

  private static final OpenApiContract CONTRACT = OpenApiContract.get();
  private static final String ID = "5f0c6c3e9a1b4d2e8f7a6b5c4d3e2f10";

  private static MultiMap headers(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", ID);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  private static Buffer segment() {
    return new JsonObject()
        .put("id", "seg_abc").put("name", "n").put("description", "").put("constraints", new JsonArray())
        .put("version", 3).put("createdAt", 1L).put("updatedAt", 2L)
        .toBuffer();
  }

  private static Buffer problem(String type, int status) {
    return new JsonObject().put("type", type).put("title", "t").put("status", status).put("requestId", ID)
        .toBuffer();
  }

  private static MultiMap problemHeaders(String... namesAndValues) {
    return headers(namesAndValues)
        .add("Content-Type", "application/problem+json")
        .add("Cache-Control", "no-store");
  }

  private static MultiMap json() {
    return headers("Content-Type", "application/json; charset=utf-8", "ETag", "\"3\"");
  }

  @Test
  void whatTheDocumentDescribesPasses() {
    assertThatCode(() -> {
      CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc?x=1", 200, json(), segment());
      CONTRACT.check(HttpMethod.HEAD, "/v1/segments/seg_abc", 200, json(), Buffer.buffer());
      CONTRACT.check(HttpMethod.DELETE, "/v1/segments/seg_abc", 204, headers(), Buffer.buffer());
      CONTRACT.check(HttpMethod.OPTIONS, "/health/live", 204, headers("Allow", "GET, HEAD, OPTIONS"), null);
      CONTRACT.check(HttpMethod.PUT, "/health/live", 405, problemHeaders("Allow", "GET, HEAD, OPTIONS"),
          problem("method-not-allowed", 405));
      CONTRACT.check(HttpMethod.GET, "/no/such/path", 404, problemHeaders(), problem("not-found", 404));
      CONTRACT.checkRaw(HttpMethod.GET, "/v1/segments/%zz", 400, problemHeaders(), problem("validation", 400));
    }).doesNotThrowAnyException();
  }

  @Test
  void aStatusTheOperationDoesNotDeclareFails() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 409, problemHeaders(),
        problem("conflict", 409)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /v1/segments/seg_abc -> 409");
  }

  @Test
  void aHeaderTheResponseDoesNotDescribeFails() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 200,
        json().add("X-Powered-By", "vertx"), segment()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("header X-Powered-By is not described");
  }

  @Test
  void aMissingRequiredHeaderOrAValueOfTheWrongTypeFails() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 200,
        json().remove("X-Request-Id"), segment()))
        .hasMessageContaining("required header X-Request-Id is missing");
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 200,
        json().add("RateLimit-Limit", "many"), segment()))
        .hasMessageContaining("header RateLimit-Limit");
  }

  @Test
  void aBodyOfAnotherShapeOrMediaTypeFails() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 200, json(),
        new JsonObject(segment()).put("version", "3").toBuffer()))
        .hasMessageContaining("body:").hasMessageContaining("/version");
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/v1/segments/seg_abc", 404,
        headers("Content-Type", "application/json"), problem("not-found", 404)))
        .hasMessageContaining("Content-Type application/json is not among");
  }

  @Test
  void aBodyWhereTheDocumentHasNoneFails() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.DELETE, "/v1/segments/seg_abc", 204, headers(),
        Buffer.buffer("{}")))
        .hasMessageContaining("has a body");
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.HEAD, "/v1/segments/seg_abc", 200, json(), segment()))
        .hasMessageContaining("a HEAD answer has a body");
  }

  @Test
  void a405MustNameWhatOptionsAnswers() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.PUT, "/v1/segments", 405,
        problemHeaders("Allow", "GET, HEAD, OPTIONS"), problem("method-not-allowed", 405)))
        .hasMessageContaining("header Allow");
  }

  @Test
  void anUnknownPathIsOnlyA404AndAnUnreadableRequestOnlyAProblemWithoutErrors() {
    assertThatThrownBy(() -> CONTRACT.check(HttpMethod.GET, "/no/such/path", 200,
        headers("Content-Type", "application/json"), Buffer.buffer("{}")))
        .hasMessageContaining("declares no response 200");
    Buffer withErrors = new JsonObject(problem("validation", 400))
        .put("errors", new JsonArray().add(new JsonObject().put("message", "m")))
        .toBuffer();
    assertThatThrownBy(() -> CONTRACT.checkRaw(HttpMethod.GET, "/health/live", 400, problemHeaders(), withErrors))
        .hasMessageContaining("UnreadableRequest");
  }
}
