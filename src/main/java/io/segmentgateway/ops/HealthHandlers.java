package io.segmentgateway.ops;

import io.segmentgateway.http.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Probes for the balancer and the orchestrator. Live: the process serves (no database check, so an outage never
 * gets healthy processes restarted). Ready: the database answers and the instance is not draining; otherwise 503
 * with the same JSON saying which check failed, e.g. {"status":"DOWN","checks":{"database":"UP","draining":true}}.
 */
public final class HealthHandlers {

  private static final String JSON = "application/json";
  private static final Buffer LIVE = new JsonObject()
      .put("status", "UP")
      .toBuffer();

  private final DatabaseCheck database;
  private final Drain drain;

  public HealthHandlers(DatabaseCheck database, Drain drain) {
    this.database = database;
    this.drain = drain;
  }

  /** The route handler that closes connections while draining; ApiRouter puts it before every route. */
  public Drain drain() {
    return drain;
  }

  public void live(RoutingContext ctx) {
    answer(ctx, 200, LIVE);
  }

  /** While draining the answer is immediate: no check is started, the database shows the last one known. */
  public void ready(RoutingContext ctx) {
    if (drain.draining()) {
      Boolean known = database.lastKnown();
      answer(ctx, 503, body(known == null ? "UNKNOWN" : status(known), true));
      return;
    }
    Context context = Vertx.currentContext();
    database.up().onComplete(ar -> context.runOnContext(v -> {
      // A drain may have begun while the check ran: it wins.
      boolean draining = drain.draining();
      boolean up = ar.result();
      answer(ctx, up && !draining ? 200 : 503, body(status(up), draining));
    }));
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }

  private static Buffer body(String database, boolean draining) {
    boolean ready = "UP".equals(database) && !draining;
    return new JsonObject()
        .put("status", ready ? "UP" : "DOWN")
        .put("checks", new JsonObject()
            .put("database", database)
            .put("draining", draining))
        .toBuffer();
  }

  private static void answer(RoutingContext ctx, int status, Buffer body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (status == 503) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Problem.RETRY_AFTER_SECONDS);
    }
    ctx.response().end(body);
  }
}
