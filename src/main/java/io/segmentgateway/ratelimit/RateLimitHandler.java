package io.segmentgateway.ratelimit;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.http.Caller;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-key rate limit on /v1, after authentication: the key's own limit, else the defaults. Every answer past this
 * point carries RateLimit-Policy and RateLimit (draft-ietf-httpapi-ratelimit-headers-11); over the limit the request
 * fails with 429 rate-limited and Retry-After.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

  // Built once: Netty then skips validating and re-encoding the names on every response.
  static final CharSequence POLICY = HttpHeaders.createOptimized("RateLimit-Policy");
  static final CharSequence STATE = HttpHeaders.createOptimized("RateLimit");

  private final Limiter limiter;
  private final Limit defaults;

  /** defaults: the limit of keys without their own, or null for none (those keys are not limited). */
  public RateLimitHandler(Limiter limiter, Limit defaults) {
    this.limiter = limiter;
    this.defaults = defaults;
  }

  /** Shared through the fleet when there is one (Redis configured), else per instance; says which at start. */
  public static RateLimitHandler create(AppConfig.RateLimit settings, Vertx vertx, Fleet fleet) {
    Limit defaults = settings.enabled() ? Limit.of(settings.perSecond(), settings.burst()) : null;
    Limiter limiter;
    if (fleet == null) {
      LOG.info("Rate limits are per instance (no REDIS_URL): behind a balancer, N instances let a key send N times its"
          + " limit");
      limiter = new LocalBuckets(settings.maxKeys(), System::nanoTime);
    } else {
      limiter = new SharedLimiter(vertx, fleet, settings.maxKeys(), System::nanoTime);
    }
    return new RateLimitHandler(limiter, defaults);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Limit limit = Limit.attached(ctx);
    if (limit == null) {
      limit = defaults;
      if (limit == null) {
        ctx.next();
        return;
      }
    }
    Decision decision = limiter.acquire(Caller.keyId(ctx), limit);
    ctx.response().headers()
        .set(POLICY, limit.policy)
        .set(STATE, RateLimitFields.state(decision.remaining(), decision.resetSeconds()));
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    String detail = limit.over + "; retry in " + decision.retryAfterSeconds() + " s";
    ctx.fail(new ProblemException(Problem.rateLimited(detail, decision.retryAfterSeconds())));
  }
}
