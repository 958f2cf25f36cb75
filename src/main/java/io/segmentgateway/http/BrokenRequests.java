package io.segmentgateway.http;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A request its client broke while sending it (a reset, a closed connection, bytes the HTTP decoder could not
 * read inside its body): the client's fault, never a 500. It gets a 400 when the connection can still carry one,
 * and one debug line without a stack trace; its access-log line is the record (499 when no answer got through), so
 * that a client cannot fill the log with stack traces at will.
 */
final class BrokenRequests {

  private static final Logger LOG = LoggerFactory.getLogger(BrokenRequests.class);

  private BrokenRequests() {
  }

  /**
   * The route failed with what the request's stream threw: its connection closed or reset, or bytes the decoder
   * could not read. A refusal of the router's own (a 4xx with a cause) is not one.
   */
  static boolean brokenByClient(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null || failure instanceof ProblemException || failure instanceof HttpException
        || (ctx.statusCode() >= 400 && ctx.statusCode() < 500)) {
      return false;
    }
    return failure instanceof HttpClosedException || failure instanceof IOException
        || failure instanceof DecoderException || ctx.response().closed();
  }

  /** Logs it; the 400 to send, or null when the connection can no longer carry an answer. */
  static Problem answer(RoutingContext ctx, String requestId) {
    MDC.put("requestId", requestId);
    try {
      LOG.debug("{} {}: the client broke its request off: {}", ctx.request().method(), ctx.request().path(),
          String.valueOf(ctx.failure()));
    } finally {
      MDC.remove("requestId");
    }
    HttpServerResponse response = ctx.response();
    return response.closed() || response.headWritten() ? null
        : Problem.unreadable("the request broke off before its body was complete");
  }
}
