package io.segmentgateway.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The edge of one process: every HTTP connection, as the server accepts it and before it has read a byte, is
 * counted against maxConnections (beyond it the connection is closed at once, so that a flood of idle or slow
 * connections cannot exhaust file descriptors or memory) and gets its EdgeGuard in front of Vert.x's HTTP decoder.
 * Vert.x offers no public hook into a server connection's pipeline; its connection is a ConnectionBase, as
 * GuardedPgDriver relies on for the database's. Shared by all event loops.
 */
public final class EdgeConnections {

  private final EdgeLimits limits;
  private final EdgeRefusals refusals;
  private final AtomicInteger open = new AtomicInteger();

  public EdgeConnections(EdgeLimits limits, EdgeRefusals refusals) {
    this.limits = limits;
    this.refusals = refusals;
  }

  /** The server's connection handler: runs on the connection's event loop as soon as it is accepted. */
  public void install(HttpConnection connection) {
    Channel channel = ((ConnectionBase) connection).channel();
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
    EdgeGuard guard = new EdgeGuard(limits, refusals);
    pipeline.addBefore("httpDecoder", "edgeGuard", guard);
    pipeline.addAfter("httpEncoder", "edgeResponses", guard.responses());
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }
}
