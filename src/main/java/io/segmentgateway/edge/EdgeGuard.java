package io.segmentgateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.RequestId;
import io.vertx.core.net.impl.ShutdownEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of one connection, before Vert.x's HTTP decoder: it passes the bytes on as they come while a
 * RequestScanner follows them, and when the framing breaks, or a head or body is too slow, it answers the problem
 * itself (unless a response is under way) and closes, so that no byte after a broken message is read as a request.
 * On SIGTERM it keeps a connection whose request has not fully arrived open until it has, so that its request is
 * answered rather than cut. Confined to the connection's event loop.
 */
final class EdgeGuard extends ChannelInboundHandlerAdapter implements RequestScanner.Events, Responses.Events {

  /** After an answer that closes: how long the client may still send (its bytes are read and dropped) before the
   *  close, so that an unread request does not turn the close into a reset that destroys the answer (RFC 9112 §9.6). */
  private static final long CLOSE_LINGER_MILLIS = 2000;

  private final EdgeLimits limits;
  private final EdgeRefusals refusals;
  private final RequestScanner scanner = new RequestScanner(this);
  private final Responses responses;
  private final long headTimeoutNanos;
  private final long bodyGraceNanos;
  private ChannelHandlerContext ctx;
  /** Heads handed to Vert.x whose responses have not ended. */
  private int outstanding;
  private boolean responseStarted;
  private long headStartNanos;
  private long bodyStartNanos;
  private boolean currentHeadEndedHere;
  private boolean anyHeadEnded;
  private ScheduledFuture<?> timer;
  private long timerDueNanos;
  private Object heldShutdown;
  private long lingerDueNanos;
  private Problem pendingAnswer;
  private String pendingRequestId;
  private boolean closing;

  EdgeGuard(EdgeLimits limits, EdgeRefusals refusals, ResponseHold hold) {
    this.limits = limits;
    this.refusals = refusals;
    this.responses = new Responses(this, hold);
    this.headTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.headTimeoutMillis());
    this.bodyGraceNanos = TimeUnit.MILLISECONDS.toNanos(limits.bodyGraceMillis());
  }

  /** The handler that goes after Vert.x's encoder, where responses still are messages: it sees them end. */
  ChannelOutboundHandlerAdapter responses() {
    return responses;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof ByteBuf)) {
      context.fireChannelRead(msg);
      return;
    }
    ByteBuf in = (ByteBuf) msg;
    if (closing) {
      in.release();
      return;
    }
    int from = in.readerIndex();
    int to = in.writerIndex();
    currentHeadEndedHere = false;
    anyHeadEnded = false;
    int cut = scanner.scan(in, from, to);
    if (cut == to) {
      context.fireChannelRead(in);
      if (heldShutdown != null && anyHeadEnded) {
        releaseShutdown();
      }
      return;
    }
    if (cut > from) {
      context.fireChannelRead(in.retainedSlice(from, cut - from));
    }
    in.release();
    boolean requestInVertx = scanner.inBody() && !currentHeadEndedHere;
    if (scanner.inBody() && currentHeadEndedHere) {
      // Its head was in this buffer and stays here: Vert.x never hears of the request.
      outstanding--;
    }
    refuse(scanner.problem(), requestInVertx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    // The server's shutdown: a connection whose request is on its way is held until its head has arrived (then
    // Vert.x answers it and closes), an idle one for the drain linger, in case its request is in flight.
    boolean waiting = scanner.inHead() || (scanner.phase() == RequestScanner.Phase.IDLE && outstanding == 0);
    if (event instanceof ShutdownEvent && !closing && waiting && limits.drainLingerMillis() > 0) {
      heldShutdown = event;
      lingerDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.drainLingerMillis());
      arm(lingerDueNanos);
      return;
    }
    context.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    context.fireChannelInactive();
  }

  @Override
  public void headStarted() {
    headStartNanos = System.nanoTime();
    currentHeadEndedHere = false;
    arm(headStartNanos + headTimeoutNanos);
  }

  @Override
  public void headEnded(boolean hasBody) {
    outstanding++;
    currentHeadEndedHere = true;
    anyHeadEnded = true;
    if (hasBody) {
      bodyStartNanos = System.nanoTime();
      arm(bodyDueNanos());
    }
  }

  @Override
  public void messageEnded() {
  }

  /** The body must have come at bodyMinBytesPerSecond on average since the grace: the more came, the later. */
  private long bodyDueNanos() {
    return bodyStartNanos + bodyGraceNanos + scanner.bodyBytes() * 1_000_000_000L / limits.bodyMinBytesPerSecond();
  }

  /** One timer per connection at a time: it fires at the earliest deadline asked for and then asks again. */
  private void arm(long dueNanos) {
    if (timer != null && timerDueNanos - dueNanos <= 0) {
      return;
    }
    if (timer != null) {
      timer.cancel(false);
    }
    timerDueNanos = dueNanos;
    long delay = Math.max(0, dueNanos - System.nanoTime());
    timer = ctx.executor().schedule(this::timerFired, delay, TimeUnit.NANOSECONDS);
  }

  private void timerFired() {
    timer = null;
    if (closing || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (scanner.inHead()) {
      long due = headStartNanos + headTimeoutNanos;
      if (now - due >= 0) {
        refuse(Problem.requestTimeout("the request head did not arrive within " + limits.headTimeoutMillis()
            + " ms of its first byte"), false);
        return;
      }
      arm(due);
    } else if (scanner.inBody()) {
      long due = bodyDueNanos();
      if (now - due >= 0) {
        refuse(Problem.requestTimeout("the request body arrived slower than " + limits.bodyMinBytesPerSecond()
            + " bytes a second"), true);
        return;
      }
      arm(due);
    }
    if (heldShutdown != null && scanner.phase() == RequestScanner.Phase.IDLE) {
      if (now - lingerDueNanos >= 0) {
        releaseShutdown();
      } else {
        arm(lingerDueNanos);
      }
    }
  }

  private void releaseShutdown() {
    Object event = heldShutdown;
    heldShutdown = null;
    ctx.fireUserEventTriggered(event);
  }

  /**
   * Stops reading requests and answers problem, then closes. requestInVertx: the head went on to Vert.x and its
   * handler waits for the body; its route's access-log line tells of it. Otherwise Vert.x never saw the request,
   * and the refusal is reported here.
   */
  private void refuse(Problem problem, boolean requestInVertx) {
    closing = true;
    heldShutdown = null;
    String requestId = RequestId.choose(scanner.head().requestId());
    if (requestInVertx) {
      if (outstanding == 1 && !responseStarted) {
        answer(problem, requestId);
      } else {
        ctx.close();
      }
      return;
    }
    refusals.refused(scanner.head().method(), problem.status(), requestId, System.nanoTime() - headStartNanos);
    if (outstanding == 0) {
      answer(problem, requestId);
    } else {
      // Responses to earlier requests are under way: this answer follows them.
      pendingAnswer = problem;
      pendingRequestId = requestId;
    }
  }

  private void answer(Problem problem, String requestId) {
    ctx.writeAndFlush(EdgeAnswer.bytes(ctx.alloc(), problem, requestId))
        .addListener(written -> {
          if (ctx.channel() instanceof DuplexChannel && ctx.channel().isActive()) {
            ((DuplexChannel) ctx.channel()).shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
          } else {
            ctx.close();
          }
        });
  }

  @Override
  public void responseStarted() {
    responseStarted = true;
  }

  @Override
  public void responseEnded() {
    if (outstanding > 0) {
      outstanding--;
    }
    responseStarted = false;
    if (outstanding == 0 && pendingAnswer != null) {
      Problem problem = pendingAnswer;
      pendingAnswer = null;
      answer(problem, pendingRequestId);
    }
  }
}
