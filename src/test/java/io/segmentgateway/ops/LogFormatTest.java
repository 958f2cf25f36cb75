package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.ServiceProcess;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/logback.xml as production runs it, in a real process: readable lines by default, JSON lines on request. */
class LogFormatTest {

  private static final String UNKNOWN_KEY = "sgk_" + "D".repeat(32);

  @TempDir
  Path workDir;
  private AppConfig.Db db;

  @BeforeEach
  void createDatabase() {
    db = TestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    TestDatabase.drop(db);
  }

  private Map<String, String> env(String logFormat) {
    Map<String, String> env = TestServer.env(db);
    env.put("SHUTDOWN_GRACE_MILLIS", "0");
    if (logFormat != null) {
      env.put("LOG_FORMAT", logFormat);
    }
    return env;
  }

  /** Starts the service, sends a probe and a request with an unknown key under the given ids, stops it (SIGTERM). */
  private String serveTwoRequests(Map<String, String> env, String probeId, String refusedId) throws Exception {
    try (ServiceProcess service = ServiceProcess.start(workDir, env);
        PortClient client = new PortClient(service.port(), 30_000)) {
      Reply probe = client.await(client.start(
          client.request(null, HttpMethod.GET, "/health/live").putHeader("X-Request-Id", probeId), null));
      assertThat(probe.status()).isEqualTo(200);
      Reply refused = client.await(client.start(
          client.request(UNKNOWN_KEY, HttpMethod.GET, "/v1/segments").putHeader("X-Request-Id", refusedId), null));
      assertThat(refused.status()).isEqualTo(401);
      service.terminate();
      assertThat(service.awaitExit(30_000)).as(service.output()).isZero();
      return service.output();
    }
  }

  @Test
  void jsonFormatIsOneJsonObjectPerLineWithTheAccessLogFields() throws Exception {
    String probeId = "probe-" + UUID.randomUUID();
    String refusedId = "refused-" + UUID.randomUUID();
    String output = serveTwoRequests(env("json"), probeId, refusedId);

    List<JsonObject> lines = output.lines()
        .filter(line -> !line.isBlank())
        .map(JsonObject::new)
        .collect(Collectors.toList());
    assertThat(lines).isNotEmpty().allSatisfy(line -> {
      assertThat(line.getLong("timestamp")).isPositive();
      assertThat(line.getString("level")).isNotBlank();
      assertThat(line.getString("loggerName")).isNotBlank();
      assertThat(line.getString("formattedMessage")).isNotNull();
    });

    JsonObject probe = accessLine(lines, probeId);
    assertThat(fields(probe)).containsEntry("method", "GET").containsEntry("route", "/health/live")
        .containsEntry("status", "200").containsKey("durationMs").doesNotContainKey("app");
    JsonObject refused = accessLine(lines, refusedId);
    assertThat(fields(refused)).containsEntry("route", "/v1/segments").containsEntry("status", "401");
    assertThat(output).doesNotContain(UNKNOWN_KEY);
  }

  @Test
  void readableLinesAreTheDefault() throws Exception {
    String probeId = "probe-" + UUID.randomUUID();
    String refusedId = "refused-" + UUID.randomUUID();
    String output = serveTwoRequests(env(null), probeId, refusedId);

    assertThat(output.lines().filter(line -> line.startsWith("{"))).isEmpty();
    assertThat(output.lines().filter(line -> line.contains(probeId)))
        .singleElement().asString().contains("AccessLog", "GET /health/live 200 ").endsWith(" ms");
    assertThat(output.lines().filter(line -> line.contains(refusedId)))
        .singleElement().asString().contains("GET /v1/segments 401 ");
    assertThat(output).doesNotContain(UNKNOWN_KEY);
  }

  @Test
  void createKeyPrintsOnlyTheKeyOnStdoutAndLogsJsonToStderr() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(javaCommand("create-key", "--app", "json-app"))
        .directory(workDir.toFile());
    builder.environment().remove("PGHOSTADDR");
    builder.environment().putAll(env("json"));
    Process process = builder.start();
    // The output is small: reading both streams after the exit cannot fill a pipe and block the process.
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(err).isZero();
    assertThat(out).matches("sgk_[A-Za-z0-9]{32}\\R");
    assertThat(err.lines().filter(line -> !line.isBlank())).isNotEmpty()
        .allSatisfy(line -> assertThat(new JsonObject(line).getString("level")).isNotBlank());
  }

  private static List<String> javaCommand(String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, "io.segmentgateway.Main"));
    command.addAll(List.of(args));
    return command;
  }

  private static JsonObject accessLine(List<JsonObject> lines, String requestId) {
    List<JsonObject> found = lines.stream()
        .filter(line -> "io.segmentgateway.telemetry.AccessLog".equals(line.getString("loggerName")))
        .filter(line -> requestId.equals(line.getJsonObject("mdc").getString("requestId")))
        .collect(Collectors.toList());
    assertThat(found).as("access-log lines for %s", requestId).hasSize(1);
    return found.get(0);
  }

  /** logback's kvpList: [{"method":"GET"}, {"route":"/health/live"}, ...]. */
  private static Map<String, Object> fields(JsonObject line) {
    JsonArray pairs = line.getJsonArray("kvpList");
    return pairs.stream()
        .map(JsonObject.class::cast)
        .flatMap(pair -> pair.getMap().entrySet().stream())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
