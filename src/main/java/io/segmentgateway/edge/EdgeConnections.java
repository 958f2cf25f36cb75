package io.segmentgateway.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.AbstractNioChannel;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge of one process: every HTTP connection, as the server accepts it and before it has read a byte, is
 * counted against maxConnections (beyond it the connection is closed at once, so that a flood of idle or slow
 * connections cannot exhaust file descriptors or memory) and gets its EdgeGuard in front of Vert.x's HTTP decoder.
 * Vert.x offers no public hook into a server connection's pipeline; its connection is a ConnectionBase, as
 * GuardedPgDriver relies on for the database's. Shared by all event loops.
 */
public final class EdgeConnections {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeConnections.class);

  /** Each accepts up to 16 connections (Netty's default): enough for a burst of clients that just connected. */
  private static final int PENDING_ACCEPT_ROUNDS = 8;

  /** The longest the listener waits for a quiet moment, in quiet periods (2 s at the default 250 ms). */
  private static final int QUIESCE_ROUNDS_MAX = 8;

  private final EdgeLimits limits;
  private final EdgeRefusals refusals;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  /** The listening socket the connections come from (the verticles share one), known from the first of them. */
  private volatile Channel listener;
  private final ResponseHold hold = new ResponseHold();

  public EdgeConnections(EdgeLimits limits, EdgeRefusals refusals) {
    this.limits = limits;
    this.refusals = refusals;
  }

  /** The server's connection handler: runs on the connection's event loop as soon as it is accepted. */
  public void install(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
    accepted.incrementAndGet();
    if (listener == null && channel.parent() != null) {
      listener = channel.parent();
    }
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      channel.close();
      return;
    }
    channel.closeFuture().addListener(closed -> open.decrementAndGet());
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get("httpDecoder") == null) {
      // Not an HTTP/1.x connection (the server speaks no other): nothing to guard.
      return;
    }
    EdgeGuard guard = new EdgeGuard(limits, refusals, hold);
    pipeline.addBefore("httpDecoder", "edgeGuard", guard);
    pipeline.addAfter("httpEncoder", "edgeResponses", guard.responses());
  }

  /**
   * Closes the listening socket, before the servers shut down: Vert.x removes them from the shared listener one by
   * one and closes it only after the last, and a connection accepted in between has no server left and is cut (a
   * reset while its request is on its way). A connection still in its TCP handshake or in the accept queue when
   * the socket closes is reset by the kernel, so first responses are held back while new connections are still
   * accepted: a client that waits for its answer is not opening a new connection, and those that were opening one
   * finish and send their request meanwhile. The socket closes once no connection has arrived for
   * drainQuiesceMillis (a client the machine's load kept from reconnecting at once is still let in), and at the
   * latest QUIESCE_ROUNDS_MAX times that after the hold began. Then what completed its handshake is accepted, the
   * socket closes in the same turn of the acceptor's event loop, the kernel closes it too (afterDeregistration),
   * every event loop finishes registering what was accepted (so that the shutdown that follows reaches each
   * connection, and its guard holds it until its request is answered), and the responses go out. New connections are refused from now on.
   */
  public Future<Void> closeListener(Vertx vertx) {
    Channel socket = listener;
    if (socket == null) {
      return Future.succeededFuture();
    }
    hold.start();
    Promise<Void> closed = Promise.promise();
    long before = accepted.get();
    long quietNanos = TimeUnit.MILLISECONDS.toNanos(limits.drainQuiesceMillis());
    long latest = System.nanoTime() + quietNanos * QUIESCE_ROUNDS_MAX;
    closeWhenQuiet(socket, before, System.nanoTime(), quietNanos, latest, closed);
    return closed.future()
        .compose(v -> afterPendingTasks(vertx))
        .eventually(() -> {
          hold.end();
          return afterPendingTasks(vertx);
        })
        .onComplete(v -> LOG.info("Listening socket closed; {} connections accepted while it closed, {} open",
            accepted.get() - before, open.get()));
  }

  /** Checks every tenth of the quiet period whether a connection arrived since lastCount was seen (at lastNanos). */
  private void closeWhenQuiet(Channel socket, long lastCount, long lastNanos, long quietNanos, long latest,
      Promise<Void> closed) {
    socket.eventLoop().schedule(() -> {
      long now = System.nanoTime();
      long count = accepted.get();
      boolean arrived = count != lastCount;
      if ((arrived || now - lastNanos < quietNanos) && now < latest) {
        closeWhenQuiet(socket, count, arrived ? now : lastNanos, quietNanos, latest, closed);
        return;
      }
      // On NIO, accepts happen only when the loop is told of them: take what waits now. On io_uring an accept is
      // always pending in the ring, and a connection that completes its handshake is taken as it arrives.
      if (socket instanceof AbstractNioChannel && socket.isOpen()) {
        for (int i = 0; i < PENDING_ACCEPT_ROUNDS; i++) {
          ((AbstractNioChannel) socket).unsafe().read();
        }
      }
      EventLoop loop = socket.eventLoop();
      socket.close().addListener(done -> afterDeregistration(loop, closed));
    }, Math.max(1, quietNanos / 10), TimeUnit.NANOSECONDS);
  }

  /**
   * Completes closed once the kernel has closed the listening socket, which is later than Netty's close: Java NIO
   * closes a socket registered with a selector only when its key is deregistered, in the first select of its event
   * loop after the deregistration task Netty queues behind the close. Until then the kernel still completes
   * handshakes, so the clients whose held responses the hold's end lets go would reconnect into a backlog that is
   * reset a moment later (beside a CPU hog, 10 to 17 requests in 2 drains of 10). The task queued here runs after
   * the deregistration task, and the one it schedules only after the loop's next select.
   */
  private static void afterDeregistration(EventLoop loop, Promise<Void> closed) {
    loop.execute(() -> loop.execute(() -> loop.schedule(() -> closed.complete(), 1, TimeUnit.MILLISECONDS)));
  }

  /** Completes once every event loop has run what was queued on it before (the registrations of new connections). */
  private static Future<Void> afterPendingTasks(Vertx vertx) {
    List<Future<Void>> turns = new ArrayList<>();
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      Promise<Void> turn = Promise.promise();
      loop.execute(turn::complete);
      turns.add(turn.future());
    }
    return Future.join(turns)
        .mapEmpty();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }
}
