package io.segmentgateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** GET /metrics: HTTP series by route template, pool gauges, validation failures by reason, JVM and process. */
class MetricsTest extends ApiTest {

  private static final String REQUESTS = "segment_gateway_http_server_requests_seconds_count";
  private static final String FAILURES = "segment_gateway_validation_failures_total";
  private static final Map<String, String> SQL_POOL = Map.of("pool_type", "sql", "pool_name", "segment-gateway");

  private PrometheusText scrape() {
    Reply reply = send(null, HttpMethod.GET, "/metrics");
    assertThat(reply.status()).isEqualTo(200);
    return new PrometheusText(reply.body().toString());
  }

  /**
   * A request is counted when its response has been written, which may be just after the client has it: scrape
   * until the expected change shows (or give up after a generous while and let the assertion say what is there).
   */
  private PrometheusText scrapeUntil(Predicate<PrometheusText> done) throws InterruptedException {
    PrometheusText metrics = scrape();
    for (int i = 0; i < 100 && !done.test(metrics); i++) {
      Thread.sleep(50);
      metrics = scrape();
    }
    return metrics;
  }

  private static Map<String, String> labels(String route, String method, int status) {
    return Map.of("route", route, "method", method, "status", Integer.toString(status));
  }

  @Test
  void metricsNeedNoKeyAndArePrometheusText() {
    Reply reply = send(null, HttpMethod.GET, "/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(reply.body().toString()).contains("# TYPE segment_gateway_http_server_requests_seconds histogram");
  }

  @Test
  void requestsAreCountedByRouteTemplateAndNeverByPath() throws InterruptedException {
    String id = createSegment(newSegment("counted")).getString("id");
    Map<String, String> found = labels("/v1/segments/:id", "GET", 200);
    Map<String, String> missing = labels("/v1/segments/:id", "GET", 404);
    Map<String, String> unmatched = labels("unmatched", "GET", 404);
    PrometheusText before = scrape();

    for (int i = 0; i < 3; i++) {
      assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/" + id).status()).isEqualTo(200);
    }
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments/seg_NoSuchSegment1").status()).isEqualTo(404);
    assertThat(send(server.keyA(), HttpMethod.GET, "/elsewhere/seg_PathNotARoute").status()).isEqualTo(404);

    PrometheusText after = scrapeUntil(m -> m.value(REQUESTS, unmatched) > before.value(REQUESTS, unmatched));
    assertThat(after.value(REQUESTS, found) - before.value(REQUESTS, found)).isEqualTo(3);
    assertThat(after.value(REQUESTS, missing) - before.value(REQUESTS, missing)).isEqualTo(1);
    assertThat(after.value(REQUESTS, unmatched) - before.value(REQUESTS, unmatched)).isEqualTo(1);
    assertThat(after.lines("segment_gateway_http_server_requests_seconds_bucket", found)).hasSize(14);
    assertThat(after.toString()).doesNotContain(id, "seg_NoSuchSegment1", "seg_PathNotARoute", "elsewhere");
  }

  @Test
  void aRequestRefusedBeforeItsEndpointStillCountsUnderItsTemplate() throws InterruptedException {
    Map<String, String> refused = labels("/v1/segments", "PATCH", 401);
    PrometheusText before = scrape();
    assertThat(sendJson(null, HttpMethod.PATCH, "/v1/segments", new JsonObject()).status()).isEqualTo(401);
    PrometheusText after = scrapeUntil(m -> m.value(REQUESTS, refused) > before.value(REQUESTS, refused));
    assertThat(after.value(REQUESTS, refused) - before.value(REQUESTS, refused)).isEqualTo(1);
  }

  @Test
  void thePoolIsMeasured() {
    assertThat(send(server.keyA(), HttpMethod.GET, "/v1/segments").status()).isEqualTo(200);
    PrometheusText metrics = scrape();
    assertThat(metrics.lines("vertx_pool_in_use", SQL_POOL)).hasSize(1);
    assertThat(metrics.lines("vertx_pool_queue_pending", SQL_POOL)).hasSize(1);
    assertThat(metrics.value("vertx_pool_completed_total", SQL_POOL)).isPositive();
    assertThat(metrics.has("segment_gateway_db_pool_connections")).isTrue();
    assertThat(metrics.value("segment_gateway_db_pool_max_connections", Map.of()))
        .isEqualTo(server.config().db().poolMaxSize());
  }

  @Test
  void validationFailuresAreCountedByReason() throws InterruptedException {
    String key = server.keyA();
    JsonObject badCountry = new JsonObject().put("id", "seg_abc").put("constraints", new JsonArray()
        .add(group("AND", condition("country", "==", "ZZ"))));
    Map<String, Supplier<Reply>> requests = new LinkedHashMap<>();
    requests.put("malformed_json", () -> sendJson(key, HttpMethod.PATCH, "/v1/segments", "{\"id\": "));
    requests.put("schema", () -> sendJson(key, HttpMethod.PATCH, "/v1/segments", "{\"id\": \"seg_abc\", \"name\": 5}"));
    requests.put("rule", () -> sendJson(key, HttpMethod.PATCH, "/v1/segments", badCountry));
    requests.put("parameter", () -> send(key, HttpMethod.GET, "/v1/segments?limit=0"));
    requests.put("too_large", () -> sendJson(key, HttpMethod.POST, "/v1/segments", "[" + " ".repeat(70_000) + "]"));
    requests.put("unsupported_media_type", () -> server.sendJson(
        server.as(key, HttpMethod.PATCH, "/v1/segments").putHeader("Content-Type", "text/plain"), "{}"));

    for (Map.Entry<String, Supplier<Reply>> request : requests.entrySet()) {
      PrometheusText before = scrape();
      Map<String, String> reason = Map.of("reason", request.getKey());
      Reply reply = request.getValue().get();
      assertThat(reply.status()).as(request.getKey()).isBetween(400, 415);
      PrometheusText after = scrapeUntil(m -> m.value(FAILURES, reason) > before.value(FAILURES, reason));
      for (String other : requests.keySet()) {
        Map<String, String> labels = Map.of("reason", other);
        double expected = other.equals(request.getKey()) ? 1 : 0;
        assertThat(after.value(FAILURES, labels) - before.value(FAILURES, labels))
            .as("after a %s request, reason %s", request.getKey(), other)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void theApiDescriptionListsMetricsAndTheRateLimitOfEveryApiOperation() {
    JsonObject paths = send(null, HttpMethod.GET, "/openapi.json").json().getJsonObject("paths");
    assertThat(paths.getJsonObject("/metrics").getJsonObject("get").getJsonArray("security")).isEmpty();
    for (String path : new String[] {"/v1/segments", "/v1/segments/{id}"}) {
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        // OPTIONS is answered before the key is looked at: never rate limited.
        if (!method.equals("parameters") && !method.equals("options")) {
          assertThat(operations.getJsonObject(method).getJsonObject("responses").fieldNames())
              .as("%s %s", method, path)
              .contains("429");
        }
      }
    }
  }

  @Test
  void jvmAndProcessAreMeasured() {
    PrometheusText metrics = scrape();
    for (String name : new String[] {
        "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files"}) {
      assertThat(metrics.has(name)).as(name).isTrue();
    }
  }
}
