package io.segmentgateway.telemetry;

import io.segmentgateway.http.Caller;
import io.segmentgateway.http.RequestId;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Times every request and, once its response is done, records it in the HTTP metrics and writes one access-log
 * line: request id (MDC), method, route template, status, duration, and the app when the key was accepted. Never
 * the raw path or query, the API key or the body. The line goes to an asynchronous appender: the event loop only
 * queues it. Turn it off with the level of this logger (WARN).
 */
public final class AccessLog implements Handler<RoutingContext> {

  /** nginx's status for "the client closed the connection before the response was complete". */
  static final int CLIENT_CLOSED = 499;

  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  private final Router router;
  private final HttpMetrics metrics;
  /** Read from the table on first use, when every route is in place; the router is confined to one event loop. */
  private RouteTemplates templates;

  public AccessLog(Router router, HttpMetrics metrics) {
    this.router = router;
    this.metrics = metrics;
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
    if (LOG.isInfoEnabled()) {
      log(ctx, method.name(), route.template(), status, nanos);
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

  /** Readable as text ("PATCH /v1/segments 200 1.234 ms app=a"), and as key-value pairs in the JSON format. */
  private static void log(RoutingContext ctx, String method, String route, int status, long nanos) {
    // Microsecond precision, written as milliseconds: 1234567 ns -> 1.235
    double millis = Math.round(nanos / 1000.0) / 1000.0;
    String app = Caller.appId(ctx);
    MDC.put("requestId", RequestId.of(ctx));
    try {
      LoggingEventBuilder line = LOG.atInfo()
          .addKeyValue("method", method)
          .addKeyValue("route", route)
          .addKeyValue("status", status)
          .addKeyValue("durationMs", millis);
      if (app == null) {
        line.log("{} {} {} {} ms", method, route, status, millis);
      } else {
        line.addKeyValue("app", app)
            .log("{} {} {} {} ms app={}", method, route, status, millis, app);
      }
    } finally {
      MDC.remove("requestId");
    }
  }
}
