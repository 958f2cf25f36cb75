package io.segmentgateway.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A keep-alive HTTP client for a service on a port, on its own Vert.x, whose every request has a deadline: a
 * request that gets no answer in time fails the test as a hang instead of waiting forever.
 */
public final class PortClient implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final long timeoutMillis;

  /** A client of the service: every answer is checked against openapi.json (CheckedWebClient). */
  public PortClient(int port, long timeoutMillis) {
    this(port, timeoutMillis, true);
  }

  private PortClient(int port, long timeoutMillis, boolean documented) {
    this.timeoutMillis = timeoutMillis;
    WebClientOptions options = new WebClientOptions()
        .setDefaultHost("127.0.0.1")
        .setDefaultPort(port)
        .setKeepAlive(true);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(32);
    this.client = documented ? CheckedWebClient.create(vertx, options, pool) : WebClient.create(vertx, options, pool);
  }

  /** A client of a server that is not the service (its answers are not the API's, so nothing checks them). */
  public static PortClient toOtherServer(int port, long timeoutMillis) {
    return new PortClient(port, timeoutMillis, false);
  }

  public HttpRequest<Buffer> request(String key, HttpMethod method, String uri) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return request;
  }

  /** Sends the request (with a JSON body unless null) and returns the answer to come. */
  public Future<Reply> start(HttpRequest<Buffer> request, JsonObject body) {
    Future<HttpResponse<Buffer>> sent = body == null
        ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer());
    return sent
        .map(r -> new Reply(r.statusCode(), MultiMap.caseInsensitiveMultiMap().addAll(r.headers()), r.body()));
  }

  public Reply get(String uri) {
    return await(start(request(null, HttpMethod.GET, uri), null));
  }

  public Reply send(String key, HttpMethod method, String uri, JsonObject body) {
    return await(start(request(key, method, uri), body));
  }

  /** Waits for an answer started with start(); none within the deadline is an AssertionError naming the hang. */
  public Reply await(Future<Reply> reply) {
    try {
      return reply.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + timeoutMillis + " ms", e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
