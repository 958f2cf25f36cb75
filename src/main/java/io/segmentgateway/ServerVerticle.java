package io.segmentgateway;

import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.auth.RateLimitHandler;
import io.segmentgateway.http.ApiRouter;
import io.segmentgateway.http.FailureHandler;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.Metrics;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.SegmentHandlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/** One HTTP server on one event loop; the process deploys one per core, all on the same port. */
public final class ServerVerticle extends VerticleBase {

  private final int port;
  private final BearerAuthHandler auth;
  private final RateLimitHandler rateLimit;
  private final SegmentHandlers segments;
  private final HealthHandlers health;
  private final OpenApi openApi;
  private final Metrics metrics;
  private final Consumer<HttpServer> listening;

  /** The handlers are thread-safe and shared; the router is built per verticle, on its own event loop. */
  public ServerVerticle(
      int port,
      BearerAuthHandler auth,
      RateLimitHandler rateLimit,
      SegmentHandlers segments,
      HealthHandlers health,
      OpenApi openApi,
      Metrics metrics,
      Consumer<HttpServer> listening) {
    this.port = port;
    this.auth = auth;
    this.rateLimit = rateLimit;
    this.segments = segments;
    this.health = health;
    this.openApi = openApi;
    this.metrics = metrics;
    this.listening = listening;
  }

  @Override
  public Future<?> start() {
    Router router = ApiRouter.create(vertx, auth, rateLimit, segments, health, openApi, metrics);
    // No idle timeout: a load balancer's kept-alive connections are closed by the balancer, never raced by us.
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false);
    // Port 0 would give each verticle its own random port; a negative port shares one random port among them.
    int listenPort = port == 0 ? -1 : port;
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .invalidRequestHandler(FailureHandler::invalidRequest)
        .listen(listenPort)
        .onSuccess(listening::accept);
  }
}
