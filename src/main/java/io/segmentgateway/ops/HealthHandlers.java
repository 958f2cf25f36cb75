package io.segmentgateway.ops;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes for the load balancer: live while the process serves, ready while the database answers. */
public final class HealthHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(HealthHandlers.class);
  private static final Buffer UP = new JsonObject()
      .put("status", "UP")
      .toBuffer();
  private static final Buffer READY = new JsonObject()
      .put("status", "UP")
      .put("checks", new JsonObject().put("database", "UP"))
      .toBuffer();
  private static final long DATABASE_TIMEOUT_MILLIS = 2000;

  private final Pool pool;

  public HealthHandlers(Pool pool) {
    this.pool = pool;
  }

  /** No database check: a database outage must not make the orchestrator restart healthy processes. */
  public void live(RoutingContext ctx) {
    ok(ctx, UP);
  }

  public void ready(RoutingContext ctx) {
    pool
        .query("SELECT 1")
        .execute()
        .timeout(DATABASE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .onSuccess(rows -> ok(ctx, READY))
        .onFailure(failure -> {
          LOG.debug("readiness: the database does not answer: {}", failure.toString());
          ctx.fail(new ProblemException(Problem.unavailable("not ready: the database does not answer")));
        });
  }

  private static void ok(RoutingContext ctx, Buffer body) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}
