package io.segmentgateway.ratelimit;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This instance's one connection to Redis, owned by one event loop context: every command is pipelined on it and
 * counts as failed unless answered within commandTimeoutMillis (the client has no timeout of its own, and a timed-out
 * command is not cancelled: its late answer is dropped). A connection that reads nothing for silenceMillis is closed,
 * since a stalled network answers nothing and TCP would wait for minutes; the next command opens a new one, within
 * connectTimeoutMillis. Each outcome is reported to the listener.
 */
final class RedisLink {

  /** Hears whether each command was answered in time. */
  interface Listener {

    void answered();

    void failed(Throwable cause);
  }

  private final Vertx vertx;
  private final Context context;
  private final Redis client;
  private final long timeoutMillis;
  private final long connectBoundMillis;
  private Listener listener;
  private RedisConnection connection;
  private Promise<RedisConnection> connecting;

  private RedisLink(Vertx vertx, Redis client, AppConfig.Redis settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.timeoutMillis = settings.commandTimeoutMillis();
    // A connection is up once TCP is and Redis answered the handshake; the silence guard bounds the second part.
    this.connectBoundMillis = (long) settings.connectTimeoutMillis() + settings.silenceMillis();
  }

  /** Opens nothing yet: the first command connects. */
  static RedisLink create(Vertx vertx, AppConfig.Redis settings) {
    NetClientOptions net = new NetClientOptions()
        .setTcpKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout(settings.connectTimeoutMillis())
        .setReadIdleTimeout(settings.silenceMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    RedisOptions options = new RedisOptions()
        .setConnectionString(settings.url())
        .setNetClientOptions(net)
        // One connection is held; the second slot lets a new one open while a stuck one is still being closed.
        .setMaxPoolSize(2)
        .setMaxPoolWaiting(4);
    return new RedisLink(vertx, Redis.createClient(vertx, options), settings);
  }

  /** The context every call below must run on. */
  Context context() {
    return context;
  }

  void listener(Listener newListener) {
    listener = newListener;
  }

  /** Runs script on key: EVALSHA, then EVAL when Redis has forgotten the script (a restart, SCRIPT FLUSH). */
  Future<Response> run(LuaScript script, String key, Object... args) {
    return command(script.bySha(key, args))
        .recover(failure -> isNoScript(failure) ? command(script.inFull(key, args)) : Future.failedFuture(failure))
        .andThen(ar -> {
          if (listener == null) {
            return;
          }
          if (ar.succeeded()) {
            listener.answered();
          } else {
            listener.failed(ar.cause());
          }
        });
  }

  /**
   * One command on the connection, answered within commandTimeoutMillis of being sent or failed; a connection that is
   * not up yet is opened first (within its own bound). Not reported: run() reports whole operations. Completes on the
   * link's context (Future.timeout would complete on a global thread).
   */
  Future<Response> command(Request request) {
    Future<RedisConnection> ready = connection != null ? Future.succeededFuture(connection) : connect();
    Promise<Response> answer = Promise.promise();
    ready.onComplete(opened -> {
      if (opened.failed()) {
        answer.fail(opened.cause());
        return;
      }
      long timer = vertx.setTimer(timeoutMillis, id -> answer.tryFail(
          new TimeoutException("Redis did not answer within " + timeoutMillis + " ms")));
      opened.result().send(request).onComplete(sent -> {
        vertx.cancelTimer(timer);
        if (sent.succeeded()) {
          answer.tryComplete(sent.result());
        } else {
          answer.tryFail(sent.cause());
        }
      });
    });
    return answer.future();
  }

  /** Closes the connection and the client. */
  Future<Void> close() {
    connection = null;
    return client.close();
  }

  /** One attempt at a time; one that succeeds after it was given up is handed back rather than kept. */
  private Future<RedisConnection> connect() {
    if (connecting != null) {
      return connecting.future();
    }
    Promise<RedisConnection> attempt = Promise.promise();
    connecting = attempt;
    long timer = vertx.setTimer(connectBoundMillis, id -> attempt.tryFail(
        new TimeoutException("no connection to Redis within " + connectBoundMillis + " ms")));
    client.connect().onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        attempt.tryFail(ar.cause());
      } else if (attempt.tryComplete(ar.result())) {
        adopt(ar.result());
      } else {
        ar.result().close();
      }
    });
    attempt.future().onComplete(ar -> connecting = null);
    return attempt.future();
  }

  /** A connection that fails or ends (closed by Redis, the network, or the silence guard) is forgotten. */
  private void adopt(RedisConnection opened) {
    connection = opened;
    opened
        .exceptionHandler(failure -> forget(opened))
        .endHandler(v -> forget(opened));
  }

  private void forget(RedisConnection lost) {
    if (connection == lost) {
      connection = null;
    }
  }

  private static boolean isNoScript(Throwable failure) {
    String message = failure.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }
}
