package io.segmentgateway;

import io.segmentgateway.db.DbErrors;
import io.segmentgateway.http.BodyLimit;
import io.segmentgateway.http.FailureHandler;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.http.RequestId;
import io.segmentgateway.ops.Docs;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.EvaluateHandlers;
import io.segmentgateway.segment.SegmentHandlers;
import io.segmentgateway.telemetry.AccessLog;
import io.segmentgateway.telemetry.Metrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The route table of the service: every path, method and handler is here, in the order they are tried. */
final class ApiRouter {

  /** 64 KiB: a larger body is refused with 413 before it is read. */
  public static final int BODY_LIMIT_BYTES = 64 * 1024;
  /** 1 MiB for the evaluate endpoints (API.md): a body over 48 KiB is checked and evaluated on a worker thread. */
  public static final int EVALUATE_BODY_LIMIT_BYTES = 1024 * 1024;

  /** The Allow lists: what OPTIONS answers and what a 405 names. */
  static final String READ_ONLY = "GET, HEAD, OPTIONS";
  static final String COLLECTION = "GET, HEAD, PATCH, POST, OPTIONS";
  static final String ITEM = "GET, HEAD, DELETE, OPTIONS";
  static final String EVALUATE = "POST, OPTIONS";

  private ApiRouter() {
  }

  static Router create(Vertx vertx, Services shared, LoopServices loop) {
    Metrics metrics = shared.metrics();
    HealthHandlers health = shared.health();
    OpenApi openApi = shared.openApi();
    Docs docs = shared.docs();
    SegmentHandlers segments = loop.segments();
    EvaluateHandlers evaluate = loop.evaluate();
    Router router = Router.router(vertx);
    FailureHandler failures = new FailureHandler(metrics.validationFailures()::count, DbErrors::unavailableOrNull);

    router.route().handler(new RequestId());
    // Every request, whatever becomes of it: timed, counted by route template, one access-log line.
    router.route().handler(new AccessLog(router, metrics.http(), loop.accessLines(), shared.accessLog(),
        shared.config().accessLog().sampleRate()));
    // While the instance drains, every response closes its connection (readiness is 503 meanwhile).
    router.route().handler(shared.drain());

    // The API. OPTIONS needs no key (it tells what the public description says). A body is read (within the
    // limit) only where a method takes one, and before the key is checked, so that the key lookup may be
    // asynchronous without pausing the request.
    // /v1/segments/evaluate comes before /v1/segments/:id, which would otherwise take "evaluate" for an id.
    options(router, "/v1/segments", COLLECTION);
    options(router, "/v1/segments/evaluate", EVALUATE);
    options(router, "/v1/segments/:id", ITEM);
    options(router, "/v1/segments/:id/evaluate", EVALUATE);
    Handler<RoutingContext> body = BodyLimit.of(BODY_LIMIT_BYTES);
    Handler<RoutingContext> devices = BodyLimit.of(EVALUATE_BODY_LIMIT_BYTES);
    router.patch("/v1/segments").handler(body);
    router.post("/v1/segments").handler(body);
    router.post("/v1/segments/evaluate").handler(devices);
    router.post("/v1/segments/:id/evaluate").handler(devices);
    router.route("/v1/*").handler(loop.auth());
    if (shared.rateLimit() != null) {
      router.route("/v1/*").handler(shared.rateLimit());
    }
    router.patch("/v1/segments").handler(segments::patch);
    router.post("/v1/segments").handler(segments::create);
    get(router, "/v1/segments", segments::list);
    router.post("/v1/segments/evaluate").handler(evaluate::unsaved);
    refuseOthers(router, "/v1/segments/evaluate", EVALUATE);
    get(router, "/v1/segments/:id", segments::get);
    router.delete("/v1/segments/:id").handler(segments::delete);
    router.post("/v1/segments/:id/evaluate").handler(evaluate::stored);
    refuseOthers(router, "/v1/segments", COLLECTION);
    refuseOthers(router, "/v1/segments/:id", ITEM);
    refuseOthers(router, "/v1/segments/:id/evaluate", EVALUATE);

    // Public: probes, metrics, the API description and its viewer, no key needed, never rate limited. After the
    // API, whose requests are the many: routes are tried in order, and these paths share nothing with /v1.
    get(router, "/health/live", health::live);
    get(router, "/health/ready", health::ready);
    get(router, "/openapi.json", openApi::document);
    get(router, "/schemas/:name", openApi::schema);
    get(router, "/docs", docs::page);
    get(router, "/docs/:file", docs::asset);
    get(router, "/metrics", metrics::scrape);
    for (String path : new String[] {"/health/live", "/health/ready", "/openapi.json", "/schemas/:name", "/docs",
        "/docs/:file", "/metrics"}) {
      options(router, path, READ_ONLY);
      refuseOthers(router, path, READ_ONLY);
    }

    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, failures.forStatus(status));
    }
    return router;
  }

  /** A GET route answers HEAD too: the same status and headers, and the server leaves the body out. */
  private static void get(Router router, String path, Handler<RoutingContext> handler) {
    router.route(path)
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .handler(handler);
  }

  /** OPTIONS on a known path: 204 with the methods it allows. */
  private static void options(Router router, String path, String allow) {
    router.options(path).handler(ctx -> ctx.response()
        .setStatusCode(204)
        .putHeader(HttpHeaders.ALLOW, allow)
        .end());
  }

  /** Registered after a path's method routes: any other method on that path is a 405 that names the allowed ones. */
  private static void refuseOthers(Router router, String path, String allow) {
    Handler<RoutingContext> refuse = ctx -> ctx.fail(new ProblemException(Problem.methodNotAllowed(allow)));
    router.route(path).handler(refuse);
  }
}
