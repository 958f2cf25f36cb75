package io.segmentgateway.http;

import io.segmentgateway.ops.ValidationFailures;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The only place that writes error bodies: route failures and the router's own 404/405/413/415 all end here
 * as application/problem+json. A 500 is logged with its cause and the request id; the client sees the id only.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final ValidationFailures validationFailures;

  public FailureHandler(ValidationFailures validationFailures) {
    this.validationFailures = validationFailures;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requestId = RequestId.of(ctx);
    Problem problem = problemFor(ctx, requestId);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a problem body: cut the connection so the client does not take a partial answer as whole.
      ctx.request().connection().close();
      return;
    }
    validationFailures.count(problem, ctx.failure());
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    problem.headers().forEach(response::putHeader);
    response.end(problem.toJson(requestId).toBuffer());
  }

  private static Problem problemFor(RoutingContext ctx, String requestId) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException) {
      ProblemException pe = (ProblemException) failure;
      if (pe.problem().status() >= 500) {
        log(requestId, ctx, pe.getCause() == null ? pe : pe.getCause(), pe.problem().status());
      }
      return pe.problem();
    }
    if (failure instanceof HttpException) {
      int status = ((HttpException) failure).getStatusCode();
      if (status >= 500) {
        log(requestId, ctx, failure, status);
      }
      return Problem.forStatus(status);
    }
    if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      return Problem.forStatus(ctx.statusCode());
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
}
