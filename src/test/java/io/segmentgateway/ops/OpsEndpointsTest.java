package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Probes and the API description, which need no key. */
class OpsEndpointsTest extends ApiTest {

  @Test
  void liveAnswersUp() {
    Reply reply = send(null, HttpMethod.GET, "/health/live");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void readyAnswersUpWhileTheDatabaseAnswers() {
    Reply reply = send(null, HttpMethod.GET, "/health/ready");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() {
    Reply reply = send(null, HttpMethod.GET, "/openapi.json");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonObject doc = reply.json();
    assertThat(doc.getString("openapi")).startsWith("3.1");
    JsonObject paths = doc.getJsonObject("paths");
    assertThat(paths.fieldNames()).contains("/v1/segments", "/v1/segments/{id}", "/health/live", "/health/ready");
    assertThat(paths.getJsonObject("/v1/segments").fieldNames()).contains("patch", "post", "get");
    assertThat(paths.getJsonObject("/v1/segments/{id}").fieldNames()).contains("get", "delete");
  }

  @Test
  void everySchemaTheDocumentRefersToIsServed() {
    String doc = send(null, HttpMethod.GET, "/openapi.json").body().toString();
    Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"(?:\\./)?(schemas/[^\"#]+)").matcher(doc);
    int count = 0;
    while (refs.find()) {
      Reply schema = send(null, HttpMethod.GET, "/" + refs.group(1));
      assertThat(schema.status()).as(refs.group(1)).isEqualTo(200);
      assertThat(schema.contentType()).isEqualTo("application/schema+json");
      assertThat(schema.json().getString("$schema")).contains("2020-12");
      count++;
    }
    assertThat(count).isPositive();
  }

  @Test
  void anUnknownSchemaIs404() {
    assertThat(send(null, HttpMethod.GET, "/schemas/nope.json").status()).isEqualTo(404);
    assertThat(send(null, HttpMethod.GET, "/schemas/..%2Fopenapi.json").status()).isEqualTo(404);
  }
}
