package io.segmentgateway.telemetry;

import io.segmentgateway.http.RequestId;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Requests answered before any route saw them, by the edge guard (400, 408, 505) or by Vert.x's HTTP decoder (400,
 * 414, 431): each is one access-log line, in AccessLog's form, and one count in the HTTP metrics under the route
 * "unmatched", so that an operator sees them as any other request.
 */
public final class RefusedRequests {

  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
  private static final String NO_METHOD = "OTHER";

  private final HttpMetrics.Route route;

  public RefusedRequests(HttpMetrics metrics) {
    this.route = metrics.route(RouteTemplates.UNMATCHED);
  }

  /** One refused request; method is null when its request line could not be read. */
  public void refused(String method, int status, String requestId, long nanos) {
    String name = method == null ? NO_METHOD : method;
    route.record(HttpMethod.valueOf(name), status, nanos);
    if (!LOG.isInfoEnabled()) {
      return;
    }
    double millis = Math.round(nanos / 1000.0) / 1000.0;
    MDC.put("requestId", requestId);
    try {
      LOG.atInfo()
          .addKeyValue("method", name)
          .addKeyValue("route", RouteTemplates.UNMATCHED)
          .addKeyValue("status", status)
          .addKeyValue("durationMs", millis)
          .log("{} {} {} {} ms", name, RouteTemplates.UNMATCHED, status, millis);
    } finally {
      MDC.remove("requestId");
    }
  }

  /** The server's invalid-request handler around answer, the one that writes the problem and closes. */
  public Handler<HttpServerRequest> around(Handler<HttpServerRequest> answer) {
    return request -> {
      long start = System.nanoTime();
      answer.handle(request);
      HttpServerResponse response = request.response();
      refused(request.method() == null ? null : request.method().name(), response.getStatusCode(),
          response.headers().get(RequestId.HEADER), System.nanoTime() - start);
    };
  }
}
