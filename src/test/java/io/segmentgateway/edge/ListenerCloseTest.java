package io.segmentgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.PortClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When EdgeConnections.closeListener completes, the kernel refuses new connections: the drain lets the held
 * responses go at that moment, and a client that reconnects after its answer must be refused, not let into a
 * backlog that the socket's real close resets. The acceptor's event loop is kept busy right after the close, as a
 * CPU hog does by chance: Java NIO closes the socket only at that loop's next select.
 */
class ListenerCloseTest {

  private static final long ACCEPTOR_BUSY_MILLIS = 500;

  private Vertx vertx;

  /** Both transports the service runs on (io.transport); Vert.x falls back to NIO where io_uring is refused. */
  static Stream<Transport> transports() {
    return Stream.of(Transport.NIO, Transport.IO_URING);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void aConnectionAttemptOnceTheCloseHasCompletedIsRefused(Transport transport) throws Exception {
    vertx = Vertx.builder().withTransport(transport).build();
    EdgeConnections edge = new EdgeConnections(new EdgeLimits(100, 10_000, 1_000, 100, 0, 0),
        (method, status, requestId, nanos) -> { });
    HttpServer http = vertx.createHttpServer()
        .connectionHandler(edge::install)
        .requestHandler(request -> request.response().end("ok"))
        .listen(0, "127.0.0.1")
        .await();
    int port = http.actualPort();
    // The edge learns its listening socket from the first connection.
    try (PortClient client = PortClient.toOtherServer(port, 10_000)) {
      assertThat(client.get("/").status()).isEqualTo(200);
    }

    EventLoop acceptor = (EventLoop) ((VertxInternal) vertx).acceptorEventLoopGroup().next();
    CountDownLatch queued = new CountDownLatch(1);
    acceptor.execute(() -> await(queued));
    var closing = edge.closeListener(vertx);
    // Queued behind the close (a quiet period of 0 closes at the first check), and so run right after it.
    acceptor.execute(() -> Pause.sleep(ACCEPTOR_BUSY_MILLIS));
    queued.countDown();
    closing.await(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      }
    }).as("a connection attempt once the listening socket's close has completed")
        .isInstanceOf(ConnectException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
