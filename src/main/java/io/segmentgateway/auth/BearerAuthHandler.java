package io.segmentgateway.auth;

import io.segmentgateway.db.Statements;
import io.segmentgateway.http.Caller;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.ratelimit.Limit;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with "Authorization: Bearer <active key>", and records its Caller for handlers (and the
 * key's own rate limit, when it has one, for the rate limit).
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

  private static final String SCHEME = "Bearer ";

  private final ApiKeyCache keys;
  private final Statements statements;

  /** keys: shared by all event loops; statements: this verticle's pool, for cache misses. */
  public BearerAuthHandler(ApiKeyCache keys, Statements statements) {
    this.keys = keys;
    this.statements = statements;
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
    keys.find(keyId, statements).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        ctx.fail(new ProblemException(Problem.unauthorized("the API key is unknown or revoked", true)));
      } else {
        ApiKey apiKey = ar.result();
        Caller.set(ctx, apiKey.appId(), keyId);
        if (apiKey.limit() != null) {
          Limit.attach(ctx, apiKey.limit());
        }
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
