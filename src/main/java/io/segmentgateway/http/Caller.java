package io.segmentgateway.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Who sent an authenticated request: the app of its API key (every query a handler makes is scoped by it) and the
 * key's id (its SHA-256 in hex, never the key), which the rate limiter counts by. Set once by authentication, read
 * by the handlers and the access log; null before authentication or without it.
 */
public final class Caller {

  private static final String APP_ID = "appId";
  private static final String KEY_ID = "keyId";

  private Caller() {
  }

  public static void set(RoutingContext ctx, String appId, String keyId) {
    ctx.put(APP_ID, appId);
    ctx.put(KEY_ID, keyId);
  }

  public static String appId(RoutingContext ctx) {
    return ctx.get(APP_ID);
  }

  public static String keyId(RoutingContext ctx) {
    return ctx.get(KEY_ID);
  }
}
