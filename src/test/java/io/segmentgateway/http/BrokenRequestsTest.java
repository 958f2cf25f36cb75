package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.RawHttp;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client that breaks its own request (resets the connection in the middle of a body, sends a chunk size that is
 * not one) is the client's fault: no line above INFO, no stack trace, never a 500 in the metrics. Requests the
 * HTTP decoder refuses (414, 431) are in the access log and the metrics under the route "unmatched".
 */
class BrokenRequestsTest extends ApiTest {

  private final ListAppender<ILoggingEvent> events = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      super.append(event);
    }
  };

  @BeforeAll
  void attach() {
    events.start();
    ((Logger) LoggerFactory.getLogger("io.segmentgateway")).addAppender(events);
  }

  @AfterAll
  void detach() {
    ((Logger) LoggerFactory.getLogger("io.segmentgateway")).detachAppender(events);
  }

  private List<ILoggingEvent> above(Level level) {
    synchronized (events) {
      return events.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(level) && e.getLevel() != level)
          .collect(Collectors.toList());
    }
  }

  /** The server's access-log lines (its own file) that name this status. */
  private List<String> accessLines(String status) {
    return server.accessLogLines().stream()
        .filter(line -> line.contains(" " + status + " "))
        .collect(Collectors.toList());
  }

  private String metrics() {
    return send(null, HttpMethod.GET, "/metrics").body().toString();
  }

  @Test
  void aResetInTheMiddleOfABodyIsNoErrorAndNo500() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket("localhost", server.server().port())) {
        socket.getOutputStream().write(("PATCH /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + server.keyA() + "\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"id\": \"seg_")
            .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        Pause.sleep(50);
        socket.setSoLinger(true, 0);
      }
    }
    Pause.until("the broken requests logged", () -> accessLines("499").size() >= 20, 10_000);
    assertThat(above(Level.INFO)).as("lines above INFO").isEmpty();
    assertThat(metrics()).doesNotContain("status=\"500\"");
  }

  @Test
  void aMalformedChunkSizeIsNoErrorAndNo500() {
    for (int i = 0; i < 5; i++) {
      RawHttp.converse(server, "POST /v1/segments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + server.keyA() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4\r\n{\"id\r\nnot-a-size\r\n\r\n");
    }
    assertThat(above(Level.INFO)).as("lines above INFO").isEmpty();
    assertThat(metrics()).doesNotContain("status=\"500\"");
  }

  @Test
  void requestsTheDecoderRefusesReachTheAccessLogAndTheMetrics() {
    RawHttp.exchange(server, "GET /v1/segments/seg_" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "f".repeat(9000)
        + "\r\n\r\n");
    RawHttp.exchange(server, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n");
    Pause.until("access-log lines", () -> accessLines("414").size() == 1 && accessLines("431").size() == 1
        && !accessLines("400").isEmpty(), 10_000);
    assertThat(accessLines("414").get(0)).contains("GET unmatched 414");
    String metrics = metrics();
    assertThat(metrics).contains("method=\"GET\",route=\"unmatched\",status=\"414\"",
        "method=\"GET\",route=\"unmatched\",status=\"431\"", "method=\"GET\",route=\"unmatched\",status=\"400\"");
  }
}
