package io.segmentgateway.telemetry;

import io.segmentgateway.http.RequestId;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Requests answered before any route saw them, by the edge guard (400, 408, 505) or by Vert.x's HTTP decoder (400,
 * 414, 431): each is one access-log line, in AccessLog's form, and one count in the HTTP metrics under the route
 * "unmatched", so that an operator sees them as any other request. They are few (and a flood of them is bounded by
 * the sink like any lines), so each goes to the sink on its own, from whichever event loop refused it.
 */
public final class RefusedRequests {

  private static final String NO_METHOD = "OTHER";

  private final HttpMetrics.Route route;
  private final AccessLogSink sink;
  private final boolean json;

  /** sink: null when the access log is off; json: its lines in the JSON shape. */
  public RefusedRequests(HttpMetrics metrics, AccessLogSink sink, boolean json) {
    this.route = metrics.route(RouteTemplates.UNMATCHED);
    this.sink = sink;
    this.json = json;
  }

  /** One refused request; method is null when its request line could not be read. */
  public void refused(String method, int status, String requestId, long nanos) {
    String name = method == null ? NO_METHOD : method;
    route.record(HttpMethod.valueOf(name), status, nanos);
    if (sink != null) {
      AccessLines line = new AccessLines(sink, json, 512);
      line.add(requestId, name, RouteTemplates.UNMATCHED, status, nanos, null);
      line.flush();
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
