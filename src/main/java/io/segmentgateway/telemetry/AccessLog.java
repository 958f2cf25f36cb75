package io.segmentgateway.telemetry;

import io.segmentgateway.http.Caller;
import io.segmentgateway.http.RequestId;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Times every request and, once its response is done, records it in the HTTP metrics and writes its access-log
 * line: request id, method, route template, status, duration, and the app when the key was accepted. Never the
 * raw path or query, the API key or the body. The line goes into the event loop's AccessLines, which the sink
 * writes a chunk at a time. With accessLog.sampleRate below 1 only that share of the answers is written, but
 * every 5xx and every answer cut by the client (499) is; the metrics count every request either way.
 */
public final class AccessLog implements Handler<RoutingContext> {

  /** nginx's status for "the client closed the connection before the response was complete". */
  static final int CLIENT_CLOSED = 499;

  private final Router router;
  private final HttpMetrics metrics;
  /** null when the access log is off. */
  private final AccessLines lines;
  private final AccessLogSink sink;
  private final double sampleRate;
  /** Read from the table on first use, when every route is in place; the router is confined to one event loop. */
  private RouteTemplates templates;

  /** lines: this event loop's, or null when the access log is off; sampleRate: the share of answers written. */
  public AccessLog(Router router, HttpMetrics metrics, AccessLines lines, AccessLogSink sink, double sampleRate) {
    this.router = router;
    this.metrics = metrics;
    this.lines = lines;
    this.sink = sink;
    this.sampleRate = sampleRate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ended -> done(ctx, start, ended.succeeded()));
    ctx.next();
  }

  private void done(RoutingContext ctx, long start, boolean completed) {
    long nanos = System.nanoTime() - start;
    if (templates == null) {
      templates = RouteTemplates.of(router.getRoutes(), metrics);
    }
    HttpMetrics.Route route = templates.match(path(ctx));
    HttpMethod method = ctx.request().method();
    int status = completed ? ctx.response().getStatusCode() : CLIENT_CLOSED;
    route.record(method, status, nanos);
    if (lines == null) {
      return;
    }
    if (status >= 500 || status == CLIENT_CLOSED || sampleRate >= 1
        || ThreadLocalRandom.current().nextDouble() < sampleRate) {
      lines.add(RequestId.of(ctx), method.name(), route.template(), status, nanos, Caller.appId(ctx));
    } else {
      sink.sampledOut();
    }
  }

  /** null for a path that does not decode (%zz): it names no route. */
  private static String path(RoutingContext ctx) {
    try {
      return ctx.normalizedPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
