package io.segmentgateway.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Whether this instance is draining (shutting down), and the route handler that makes it polite about it: every
 * response written while draining says Connection: close and its connection is closed after it, so a balancer's
 * kept-alive connections end one by one, cleanly, before the listener closes. Responses to requests that arrived
 * before the drain began count too: the check runs when the response head is written.
 */
public final class Drain implements Handler<RoutingContext> {

  private volatile boolean draining;

  public boolean draining() {
    return draining;
  }

  /** From now on the instance is not ready and closes every connection after its next response. */
  public void start() {
    draining = true;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      if (draining) {
        closeAfterResponse(ctx);
      }
    });
    ctx.next();
  }

  /** The server that says "close" closes: shutdown() lets the response in progress finish first (GOAWAY in HTTP/2). */
  private static void closeAfterResponse(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    request.connection().shutdown(30, TimeUnit.SECONDS);
  }
}
