package io.segmentgateway.db;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a database connection's pipeline: it closes the connection when it has read nothing for
 * silenceMillis, or when told to (condemn), from the front of the pipeline, so that the close does not wait for
 * the server (the PostgreSQL encoder turns an ordinary close into Terminate and a half-close, which on a black-holed
 * network never completes, and then the pool slot stays taken). It remembers when it last read, so that a
 * condemned connection's peers can tell whether they have been heard from since.
 */
final class Silence extends IdleStateHandler {

  static final String NAME = "silence";

  /** Every open database connection of the process, of every pool: they share one way to the database. */
  private static final Set<Silence> OPEN = ConcurrentHashMap.newKeySet();

  private volatile long lastReadNanos = System.nanoTime();
  private ChannelHandlerContext context;

  Silence(long silenceMillis) {
    super(silenceMillis, 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    context = ctx;
    OPEN.add(this);
    super.handlerAdded(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    OPEN.remove(this);
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    lastReadNanos = System.nanoTime();
    super.channelRead(ctx, msg);
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    ctx.close();
  }

  /** This connection is dead; so is any other that has read nothing since sentNanos. */
  void condemn(long sentNanos) {
    close();
    for (Silence sibling : OPEN) {
      if (sibling != this && sibling.lastReadNanos - sentNanos < 0) {
        sibling.close();
      }
    }
  }

  private void close() {
    OPEN.remove(this);
    ChannelHandlerContext ctx = context;
    if (ctx != null) {
      ctx.executor().execute(ctx::close);
    }
  }
}
