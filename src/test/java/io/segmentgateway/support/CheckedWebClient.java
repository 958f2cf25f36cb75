package io.segmentgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;

/**
 * A WebClient whose every answer is checked against openapi.json before the test sees it: an answer the
 * document does not describe fails the request's future with the AssertionError. The check sits in the client's
 * interceptor chain (the hook Vert.x's own session and caching clients use) rather than in the methods that wait
 * for answers, so that it also sees the answers tests compose asynchronously.
 */
public final class CheckedWebClient {

  private CheckedWebClient() {
  }

  public static WebClient create(Vertx vertx, WebClientOptions options, PoolOptions pool) {
    OpenApiContract contract = OpenApiContract.get();
    WebClientInternal client = (WebClientInternal) WebClient.create(vertx, options, pool);
    client.addInterceptor(ctx -> check(contract, ctx));
    return client;
  }

  private static void check(OpenApiContract contract, HttpContext<?> ctx) {
    if (ctx.phase() == ClientPhase.DISPATCH_RESPONSE) {
      HttpResponse<?> response = ctx.response();
      try {
        contract.check(ctx.request().method(), ctx.request().uri(), response.statusCode(), response.headers(),
            response.bodyAsBuffer());
      } catch (AssertionError e) {
        ctx.fail(e);
        return;
      }
    }
    ctx.next();
  }
}
