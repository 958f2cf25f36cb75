package io.segmentgateway.auth;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;

/** Lets a request through only with "Authorization: Bearer <active key>", and records the key's app for handlers. */
public final class BearerAuthHandler implements Handler<RoutingContext> {

  private static final String APP_ID = "appId";
  private static final String KEY_ID = "keyId";
  private static final String SCHEME = "Bearer ";

  private final ApiKeyCache keys;
  private final SqlClient client;

  /** keys: shared by all event loops; client: this verticle's pool, for cache misses. */
  public BearerAuthHandler(ApiKeyCache keys, SqlClient client) {
    this.keys = keys;
    this.client = client;
  }

  /** The app of the authenticated request; every query a handler makes is scoped by it. */
  public static String appId(RoutingContext ctx) {
    return ctx.get(APP_ID);
  }

  /** The id of the request's key (its SHA-256 in hex, never the key): what the rate limiter counts by. */
  public static String keyId(RoutingContext ctx) {
    return ctx.get(KEY_ID);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    String key = bearerKey(header);
    if (key == null) {
      // No Bearer credentials at all (none, blank, another scheme): the challenge names no error (RFC 6750 §3.1).
      String detail = header == null || header.isBlank() ? "send an API key as 'Authorization: Bearer <key>'"
          : "the Authorization header must be 'Bearer <key>'";
      ctx.fail(new ProblemException(Problem.unauthorized(detail, false)));
      return;
    }
    if (!ApiKeys.wellFormed(key)) {
      ctx.fail(new ProblemException(Problem.unauthorized("the API key is not valid", true)));
      return;
    }
    String keyId = ApiKeyCache.idOf(key);
    keys.appFor(keyId, client).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(DbErrors.toProblem(ar.cause()));
      } else if (ar.result() == null) {
        ctx.fail(new ProblemException(Problem.unauthorized("the API key is unknown or revoked", true)));
      } else {
        ctx.put(APP_ID, ar.result());
        ctx.put(KEY_ID, keyId);
        ctx.next();
      }
    });
  }

  /** The key of "Bearer <key>" (the scheme in any letter case), or null when the header holds none. */
  private static String bearerKey(String header) {
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String key = header.substring(SCHEME.length()).trim();
    return key.isEmpty() ? null : key;
  }
}
