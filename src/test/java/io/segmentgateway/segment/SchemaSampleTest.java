package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The reference check on the live path: this server's sample reads a copy of schemas/ in which a description and a
 * device's string may hold at most 5 characters, so a body the fast check accepts is one the reference refuses. The disagreement is
 * counted and logged with the request id, and the answer is the fast check's.
 */
class SchemaSampleTest extends ApiTest {

  private static final String DISAGREEMENTS = "segment_gateway_validation_reference_disagreements_total";
  private static final String CHECKS = "segment_gateway_validation_reference_checks_total";

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Path schemas;

  @Override
  protected AppConfig configure(AppConfig config) {
    schemas = tamperedCopy();
    return config.withValidation(new AppConfig.Validation(1000, schemas.toString()));
  }

  @BeforeAll
  void listen() {
    lines.start();
    ((Logger) LoggerFactory.getLogger(SchemaSample.class)).addAppender(lines);
  }

  @AfterAll
  void stopListening() throws IOException {
    ((Logger) LoggerFactory.getLogger(SchemaSample.class)).detachAppender(lines);
    try (Stream<Path> files = Files.list(schemas)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(schemas);
  }

  @Test
  void aDisagreementIsCountedAndLoggedWithTheRequestIdAndNeverChangesTheAnswer() {
    String id = createSegment(newSegment("sampled")).getString("id");
    double before = metric(DISAGREEMENTS);
    Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.PATCH, "/v1/segments")
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Request-Id", "sample-disagreement-1"),
        new JsonObject().put("id", id).put("description", "longer than five"));

    assertThat(reply.status()).as("the fast check decides").isEqualTo(200);
    Pause.until("counted", () -> metric(DISAGREEMENTS) > before, 10_000);
    assertThat(lines.list)
        .anySatisfy(line -> assertThat(line.getFormattedMessage())
            .contains("sample-disagreement-1", "the fast check says valid", "the schema files say invalid"));
  }

  @Test
  void bodiesOnWhichBothAgreeAreCheckedAndNotCountedAsDisagreements() {
    double checks = metric(CHECKS);
    double disagreements = metric(DISAGREEMENTS);
    String id = createSegment(newSegment("agreed")).getString("id");
    Reply reply = sendJson(server.keyA(), HttpMethod.PATCH, "/v1/segments", new JsonObject().put("id", id)
        .put("description", "short").put("unknown", 1));

    assertThat(reply.status()).isEqualTo(400);
    Pause.until("checked", () -> metric(CHECKS) >= checks + 2, 10_000);
    assertThat(metric(DISAGREEMENTS)).isEqualTo(disagreements);
  }

  @Test
  void evaluateBodiesAreSampledToo() {
    String id = createSegment(newSegment("evaluated")).getString("id");
    JsonObject devices = new JsonObject().put("devices", new JsonArray().add(new JsonObject()
        .put("deviceModel", "longer than five")));
    for (String path : new String[] {"/v1/segments/" + id + "/evaluate", "/v1/segments/evaluate"}) {
      JsonObject body = path.endsWith("/segments/evaluate") ? devices.copy().put("constraints", new JsonArray())
          : devices;
      double before = metric(DISAGREEMENTS);
      String requestId = "sample-evaluate-" + path.length();
      Reply reply = server.sendJson(server.as(server.keyA(), HttpMethod.POST, path)
          .putHeader("Content-Type", "application/json")
          .putHeader("X-Request-Id", requestId), body);

      assertThat(reply.status()).as("the fast check decides: %s", reply).isEqualTo(200);
      Pause.until("counted", () -> metric(DISAGREEMENTS) > before, 10_000);
      assertThat(lines.list)
          .anySatisfy(line -> assertThat(line.getFormattedMessage()).contains(requestId, "the schema files say invalid"));
    }
  }

  private double metric(String name) {
    return new PrometheusText(server.send(server.client().get("/metrics")).body().toString()).value(name, Map.of());
  }

  /** schemas/ with the description's maxLength at 5 instead of 2000. */
  private static Path tamperedCopy() {
    try {
      Path dir = Files.createTempDirectory("schemas-tampered");
      try (Stream<Path> files = Files.list(Path.of("schemas"))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String text = Files.readString(file);
          if (file.getFileName().toString().equals("members.json")) {
            assertThat(text).contains("\"maxLength\": 2000");
            text = text.replace("\"maxLength\": 2000", "\"maxLength\": 5");
          }
          if (file.getFileName().toString().equals("device.json")) {
            assertThat(text).contains("\"maxLength\": 256");
            text = text.replace("\"maxLength\": 256", "\"maxLength\": 5");
          }
          Files.writeString(dir.resolve(file.getFileName()), text);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
