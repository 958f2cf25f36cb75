package io.segmentgateway;

import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.http.ApiRouter;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.SegmentHandlers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.IntConsumer;

/** One HTTP server on one event loop; the process deploys one per core, all on the same port. */
public final class ServerVerticle extends VerticleBase {

  private final int port;
  private final BearerAuthHandler auth;
  private final SegmentHandlers segments;
  private final HealthHandlers health;
  private final OpenApi openApi;
  private final IntConsumer boundPort;

  /** The handlers are thread-safe and shared; the router is built per verticle, on its own event loop. */
  public ServerVerticle(
      int port,
      BearerAuthHandler auth,
      SegmentHandlers segments,
      HealthHandlers health,
      OpenApi openApi,
      IntConsumer boundPort) {
    this.port = port;
    this.auth = auth;
    this.segments = segments;
    this.health = health;
    this.openApi = openApi;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    Router router = ApiRouter.create(vertx, auth, segments, health, openApi);
    // No idle timeout: a load balancer's kept-alive connections are closed by the balancer, never raced by us.
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false);
    // Port 0 would give each verticle its own random port; a negative port shares one random port among them.
    int listenPort = port == 0 ? -1 : port;
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen(listenPort)
        .onSuccess((HttpServer server) -> boundPort.accept(server.actualPort()));
  }
}
