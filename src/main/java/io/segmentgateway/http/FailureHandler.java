package io.segmentgateway.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The only place that writes error bodies: route failures, the router's own 404/405/413/415 and requests the HTTP
 * server could not decode all end here as application/problem+json. A 500 is logged with its cause and the
 * request id; the client sees the id only.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final Consumer<Refusal> refusals;
  private final Function<Throwable, ProblemException> translate;

  /**
   * @param refusals told the reason of every refusal rendered (the metrics count them)
   * @param translate what an unexpected failure means for the client, or null when it is a fault of ours (a
   *     database failure that no statement translated is still a 503, never a 500)
   */
  public FailureHandler(Consumer<Refusal> refusals, Function<Throwable, ProblemException> translate) {
    this.refusals = refusals;
    this.translate = translate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, ctx.statusCode());
  }

  /**
   * The router's error handler for a status: the router may call it on a context that does not hold the status
   * (a path that does not decode is a 400 decided while matching routes, with nothing failed).
   */
  public Handler<RoutingContext> forStatus(int status) {
    return ctx -> respond(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : status);
  }

  private void respond(RoutingContext ctx, int status) {
    String requestId = RequestId.of(ctx);
    if (BrokenRequests.brokenByClient(ctx)) {
      Problem broken = BrokenRequests.answer(ctx, requestId);
      Future<Void> written = broken == null ? Future.succeededFuture()
          : write(ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE), broken, requestId);
      written.onComplete(done -> ctx.request().connection().close());
      return;
    }
    Problem problem = sized(ctx, problemFor(ctx, status, requestId));
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a problem body: cut the connection so the client does not take a partial answer as whole.
      ctx.request().connection().close();
      return;
    }
    Refusal reason = refusalOf(problem, ctx.failure());
    if (reason != null) {
      refusals.accept(reason);
    }
    write(response, problem, requestId);
  }

  /** A 413 names the limit of the route that refused the body. */
  private static Problem sized(RoutingContext ctx, Problem problem) {
    int limit = problem.status() == 413 ? BodyLimit.of(ctx) : -1;
    return limit < 0 ? problem : Problem.payloadTooLarge(BodyLimit.describe(limit));
  }

  /**
   * The server's invalid-request handler: a request that HTTP decoding failed on never reaches the router. A
   * request line over the limit is 414, headers over it 431, anything else 400; the connection closes after the
   * answer, as it cannot be trusted to hold a next request.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String requestId = RequestId.choose(request.getHeader(RequestId.HEADER));
    HttpServerResponse response = request.response()
        .putHeader(RequestId.HEADER, requestId)
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    write(response, Problem.forStatus(status), requestId)
        .onComplete(written -> request.connection().close());
  }

  private static Future<Void> write(HttpServerResponse response, Problem problem, String requestId) {
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    problem.headers().forEach(response::putHeader);
    return response.end(problem.toJson(requestId).toBuffer());
  }

  private Problem problemFor(RoutingContext ctx, int status, String requestId) {
    Throwable failure = ctx.failure();
    boolean routerRefusal = status >= 400 && status < 500;
    if (failure != null && !routerRefusal && !(failure instanceof ProblemException)
        && !(failure instanceof HttpException)) {
      ProblemException translated = translate.apply(failure);
      failure = translated != null ? translated : failure;
    }
    if (failure instanceof ProblemException) {
      ProblemException pe = (ProblemException) failure;
      if (pe.problem().status() >= 500) {
        log(requestId, ctx, pe.getCause() == null ? pe : pe.getCause(), pe.problem().status());
      }
      return pe.problem();
    }
    if (failure instanceof HttpException) {
      int httpStatus = ((HttpException) failure).getStatusCode();
      if (httpStatus >= 500) {
        log(requestId, ctx, failure, httpStatus);
      }
      return Problem.forStatus(httpStatus);
    }
    // Vert.x Web's own 4xx, with or without a cause: fail(413), fail(400, cause) for an unreadable request (a
    // missing Host header, a path that does not decode). The client's fault, not ours: never a 500.
    if (status >= 400 && status < 500) {
      return Problem.forStatus(status);
    }
    log(requestId, ctx, failure, 500);
    return Problem.internal();
  }

  private static void log(String requestId, RoutingContext ctx, Throwable cause, int status) {
    MDC.put("requestId", requestId);
    try {
      if (status == 503) {
        LOG.warn("{} {} -> 503: {}", ctx.request().method(), ctx.request().path(), String.valueOf(cause));
      } else {
        LOG.error("{} {} -> {} (request id {})", ctx.request().method(), ctx.request().path(), status, requestId,
            cause);
      }
    } finally {
      MDC.remove("requestId");
    }
  }

  /** The thrower's reason when it named one, else the problem type's; null when the problem is not a refusal. */
  private static Refusal refusalOf(Problem problem, Throwable failure) {
    if (failure instanceof ProblemException && ((ProblemException) failure).reason() != null) {
      return ((ProblemException) failure).reason();
    }
    switch (problem.type()) {
      case "malformed-json":
        return Refusal.MALFORMED_JSON;
      case "payload-too-large":
        return Refusal.TOO_LARGE;
      case "unsupported-media-type":
        return Refusal.UNSUPPORTED_MEDIA_TYPE;
      case "validation":
        // Unnamed body problems come from the database refusing a value the rules let through (U+0000);
        // without errors it is the router's unreadable request line, not a validation failure.
        return problem.errors() != null ? Refusal.RULE : null;
      default:
        return null;
    }
  }
}
