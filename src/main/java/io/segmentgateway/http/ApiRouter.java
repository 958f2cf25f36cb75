package io.segmentgateway.http;

import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.auth.RateLimitHandler;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.Metrics;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.SegmentHandlers;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/** The route table of the service: every path, method and handler is here, in the order they are tried. */
public final class ApiRouter {

  /** 64 KiB: a larger body is refused with 413 before it is read. */
  public static final int BODY_LIMIT_BYTES = 64 * 1024;

  private ApiRouter() {
  }

  /** rateLimit: null when the limit is off. */
  public static Router create(Vertx vertx, BearerAuthHandler auth, RateLimitHandler rateLimit, SegmentHandlers segments,
      HealthHandlers health, OpenApi openApi, Metrics metrics) {
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler(metrics.validationFailures());

    router.route().handler(new RequestId());
    // Every request, whatever becomes of it: timed, counted by route template, one access-log line.
    router.route().handler(new AccessLog(router, metrics.http()));
    // While the instance drains, every response closes its connection (readiness is 503 meanwhile).
    router.route().handler(health.drain());

    // Public: probes, metrics and the API description, no key needed, never rate limited.
    router.get("/health/live").handler(health::live);
    router.get("/health/ready").handler(health::ready);
    router.get("/openapi.json").handler(openApi::document);
    router.get("/schemas/:name").handler(openApi::schema);
    router.get("/metrics").handler(metrics::scrape);
    onlyAllow(router, "/health/live", "GET");
    onlyAllow(router, "/health/ready", "GET");
    onlyAllow(router, "/openapi.json", "GET");
    onlyAllow(router, "/schemas/:name", "GET");
    onlyAllow(router, "/metrics", "GET");

    // The API: the body is read (within the limit) before the key is checked, so that the key lookup may be
    // asynchronous without pausing the request.
    BodyHandler body = BodyHandler.create(false)
        .setBodyLimit(BODY_LIMIT_BYTES);
    router.route("/v1/*").handler(body);
    router.route("/v1/*").handler(auth);
    if (rateLimit != null) {
      router.route("/v1/*").handler(rateLimit);
    }
    router.patch("/v1/segments").handler(segments::patch);
    router.post("/v1/segments").handler(segments::create);
    router.get("/v1/segments").handler(segments::list);
    router.get("/v1/segments/:id").handler(segments::get);
    router.delete("/v1/segments/:id").handler(segments::delete);
    onlyAllow(router, "/v1/segments", "GET, PATCH, POST");
    onlyAllow(router, "/v1/segments/:id", "GET, DELETE");

    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, failures.forStatus(status));
    }
    return router;
  }

  /** Registered after a path's method routes: any other method on that path is a 405 that names the allowed ones. */
  private static void onlyAllow(Router router, String path, String allow) {
    Handler<RoutingContext> refuse = ctx -> ctx.fail(new ProblemException(Problem.methodNotAllowed(allow)));
    router.route(path).handler(refuse);
  }
}
