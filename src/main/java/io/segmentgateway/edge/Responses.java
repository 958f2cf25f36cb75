package io.segmentgateway.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * The handler after Vert.x's encoder, where responses still are messages: it tells a connection's guard when a
 * final response starts and ends, and holds responses back while the listening socket closes (ResponseHold).
 */
final class Responses extends ChannelOutboundHandlerAdapter {

  /** What the guard hears. */
  interface Events {
    void responseStarted();

    void responseEnded();
  }

  private final Events events;
  private final ResponseHold hold;
  private ChannelHandlerContext context;
  private ArrayDeque<Object> held;
  private ChannelPromise heldClose;

  Responses(Events events, ResponseHold hold) {
    this.events = events;
    this.hold = hold;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext added) {
    context = added;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (held == null && hold.active() && hold.held(this::release, ctx.executor())) {
      held = new ArrayDeque<>();
    }
    if (held != null) {
      held.add(msg);
      held.add(promise);
      return;
    }
    pass(msg, promise);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (held == null) {
      ctx.flush();
    }
  }

  /** Vert.x closes a connection once it has handed over its last response: the response must go out first. */
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (held != null) {
      heldClose = promise;
      return;
    }
    ctx.close(promise);
  }

  void release() {
    ArrayDeque<Object> queue = held;
    held = null;
    if (queue == null) {
      return;
    }
    while (!queue.isEmpty()) {
      pass(queue.poll(), (ChannelPromise) queue.poll());
    }
    context.flush();
    if (heldClose != null) {
      context.close(heldClose);
      heldClose = null;
    }
  }

  private void pass(Object msg, ChannelPromise promise) {
    boolean interim = msg instanceof HttpResponse && ((HttpResponse) msg).status().code() < 200;
    if (msg instanceof HttpResponse && !interim) {
      events.responseStarted();
    }
    context.write(msg, promise);
    if (msg instanceof LastHttpContent && !interim) {
      events.responseEnded();
    }
  }
}
