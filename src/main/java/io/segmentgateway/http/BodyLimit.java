package io.segmentgateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request body up to a route's limit (413 beyond it, before more is read) and keeps the limit on the request,
 * so that the 413 names the limit of the endpoint that was called, not another one's.
 */
public final class BodyLimit {

  private static final String KEY = BodyLimit.class.getName();

  private BodyLimit() {
  }

  /** The body handler of a route whose bodies may hold up to bytes. */
  public static Handler<RoutingContext> of(int bytes) {
    BodyHandler body = BodyHandler.create(false)
        .setBodyLimit(bytes);
    return ctx -> {
      ctx.put(KEY, bytes);
      body.handle(ctx);
    };
  }

  /** The limit of the route that read this request's body, or -1 when none did. */
  static int of(RoutingContext ctx) {
    Integer bytes = ctx.get(KEY);
    return bytes == null ? -1 : bytes;
  }

  /** "64 KiB", "1 MiB": whole binary units where they divide the limit, else bytes. */
  static String describe(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }
}
