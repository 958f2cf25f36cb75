package io.segmentgateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.PrometheusText;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.http.HttpMethod;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The access log under load: a sample rate writes only that share of the lines (every failure still), and a writer
 * that cannot keep up costs the requests nothing: its lines are dropped and counted, never waited for.
 */
class AccessLogLoadTest {

  private static final String LINES = "segment_gateway_access_log_lines_total";

  @Test
  void withASampleRateOfZeroOnlyFailuresAreWrittenAndTheRestAreCountedAsSampledOut() {
    try (TestServer server = TestServer.start(c -> c.withAccessLog(withSampleRate(c.accessLog(), 0)))) {
      for (int i = 0; i < 20; i++) {
        assertThat(server.send(server.client().get("/health/live")).status()).isEqualTo(200);
      }
      PrometheusText metrics = metrics(server);
      assertThat(metrics.value(LINES, Map.of("outcome", "sampled_out"))).isGreaterThanOrEqualTo(20);
      assertThat(server.accessLogLines()).noneMatch(line -> line.contains("/health/live"));
    }
  }

  @Test
  void aWriterThatCannotKeepUpDropsAndCountsLinesWhileRequestsGoOn() throws Exception {
    Path fifo = Files.createTempDirectory("access-log").resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    // A reader that opens the pipe and never reads: once the pipe's buffer is full, every write blocks.
    CompletableFuture<InputStream> reader = CompletableFuture.supplyAsync(() -> open(fifo));
    try (TestServer server = TestServer.start(c -> c.withAccessLog(new AppConfig.AccessLogging(true, 1.0, 20, 1,
        fifo.toString(), false)))) {
      reader.get(10, TimeUnit.SECONDS);
      long start = System.nanoTime();
      for (int i = 0; i < 3000; i++) {
        Reply reply = server.send(server.client().get("/health/live").putHeader("X-Request-Id", "x".repeat(100)));
        assertThat(reply.status()).isEqualTo(200);
      }
      assertThat(metrics(server).value(LINES, Map.of("outcome", "dropped"))).isPositive();
      System.out.printf("access log: 3000 requests with a stuck writer in %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      reader.get().close();
    } finally {
      Files.deleteIfExists(fifo);
    }
  }

  private static InputStream open(Path fifo) {
    try {
      return new FileInputStream(fifo.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AppConfig.AccessLogging withSampleRate(AppConfig.AccessLogging settings, double rate) {
    return new AppConfig.AccessLogging(settings.enabled(), rate, settings.flushMillis(), settings.maxQueuedChunks(),
        settings.file(), settings.json());
  }

  private static PrometheusText metrics(TestServer server) {
    return new PrometheusText(server.send(server.client().get("/metrics")).body().toString());
  }
}
