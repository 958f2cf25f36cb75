package io.segmentgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
    client.addInterceptor(ctx -> check(vertx, contract, ctx));
    return client;
  }

  /**
   * On a worker thread: a segment of many conditions takes milliseconds to check against its schema, and
   * TestServer's client shares the event loops of the server it tests.
   */
  private static void check(Vertx vertx, OpenApiContract contract, HttpContext<?> ctx) {
    if (ctx.phase() != ClientPhase.DISPATCH_RESPONSE) {
      ctx.next();
      return;
    }
    HttpResponse<?> response = ctx.response();
    vertx.executeBlocking(() -> findings(contract, ctx.request().method(), ctx.request().uri(), response), false)
        .onComplete(checked -> {
          if (checked.failed()) {
            ctx.fail(checked.cause());
          } else if (checked.result() != null) {
            ctx.fail(checked.result());
          } else {
            ctx.next();
          }
        });
  }

  /** The AssertionError of an answer the document does not describe, else null. */
  private static AssertionError findings(OpenApiContract contract, HttpMethod method, String uri,
      HttpResponse<?> response) {
    try {
      contract.check(method, uri, response.statusCode(), response.headers(), response.bodyAsBuffer());
      return null;
    } catch (AssertionError e) {
      return e;
    }
  }
}
