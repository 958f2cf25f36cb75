package io.segmentgateway;

import io.segmentgateway.http.FailureHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** One HTTP server on one event loop; the process deploys one per core, all on the same port. */
final class ServerVerticle extends VerticleBase {

  private final Services shared;
  private final LoopServices loop;
  private long flushTimer = -1;

  /** shared: thread-safe, one for the process; loop: this verticle's own, built for it. */
  ServerVerticle(Services shared, LoopServices loop) {
    this.shared = shared;
    this.loop = loop;
  }

  @Override
  public Future<?> start() {
    Router router = ApiRouter.create(vertx, shared, loop);
    // HTTP/1.1 only (no h2c, by prior knowledge or upgrade): the edge guard reads every request's framing. The idle
    // timeout outlasts balancers' (60 s is common), so that they, not we, close their pooled connections.
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(shared.config().edge().idleTimeoutMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    // Port 0 would give each verticle its own random port; a negative port shares one random port among them.
    int port = shared.config().port();
    int listenPort = port == 0 ? -1 : port;
    if (loop.accessLines() != null) {
      flushTimer = vertx.setPeriodic(shared.config().accessLog().flushMillis(), id -> loop.accessLines().flush());
    }
    return vertx.createHttpServer(options)
        .connectionHandler(shared.edge()::install)
        .requestHandler(router)
        .invalidRequestHandler(shared.refused().around(FailureHandler::invalidRequest))
        .listen(listenPort)
        .onSuccess(shared.listening()::add);
  }

  /** The lines still buffered go to the sink, which Server closes after every loop has stopped. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    if (loop.accessLines() != null) {
      loop.accessLines().flush();
    }
    return Future.succeededFuture();
  }
}
