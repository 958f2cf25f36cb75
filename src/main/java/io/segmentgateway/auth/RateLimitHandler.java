package io.segmentgateway.auth;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.http.Caller;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The per-key rate limit on /v1, after authentication. Every answer past this point carries RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset (draft-ietf-httpapi-ratelimit-headers-06); over the limit the request
 * fails with 429 rate-limited and Retry-After.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  // Built once: Netty then skips validating and re-encoding the names on every response.
  static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");

  private final RateLimiter limiter;
  private final CharSequence limitValue;
  private final String over;

  public RateLimitHandler(RateLimiter limiter, AppConfig.RateLimit settings) {
    this.limiter = limiter;
    this.limitValue = HttpHeaders.createOptimized(Integer.toString(settings.burst()));
    this.over = "this API key is over its limit of " + number(settings.perSecond())
        + " requests a second (bursts of up to " + settings.burst() + ")";
  }

  /** The limiter of the service, or null when rateLimit.perSecond is 0 (no limit). */
  public static RateLimitHandler create(AppConfig.RateLimit settings) {
    if (!settings.enabled()) {
      return null;
    }
    RateLimiter limiter = new RateLimiter(settings.perSecond(), settings.burst(), settings.maxKeys(), System::nanoTime);
    return new RateLimitHandler(limiter, settings);
  }

  @Override
  public void handle(RoutingContext ctx) {
    RateLimiter.Decision decision = limiter.acquire(Caller.keyId(ctx));
    MultiMap headers = ctx.response().headers();
    headers
        .set(LIMIT, limitValue)
        .set(REMAINING, Integer.toString(decision.remaining()))
        .set(RESET, Long.toString(decision.resetSeconds()));
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    String detail = over + "; retry in " + decision.retryAfterSeconds() + " s";
    ctx.fail(new ProblemException(Problem.rateLimited(detail, decision.retryAfterSeconds())));
  }

  /** 1000.0 reads as 1000, 0.5 as 0.5. */
  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
