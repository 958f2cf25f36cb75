package io.segmentgateway.auth;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a changed key (revoked, deleted, moved, or new after a failed lookup) take effect at once on every
 * instance: one connection of its own (not a request pool's) LISTENs on the channel that migrations V2 and V3's
 * triggers notify, and drops each key named there from the key cache. While that connection is down the cache's
 * TTL is the only bound; each time it is up again the whole cache is dropped, because the notifications sent
 * meanwhile are lost.
 *
 * <p>The connection must not believe it listens while it hears nothing: a connection attempt that is not listening
 * within database.connectTimeoutMillis is given up, and a listening connection answers a SELECT 1 every second
 * within the same time, or it is closed abruptly and replaced (pg-client's PgSubscriber has neither guard, and its
 * close waits for the server). A verticle, so that the connection, its timers and every callback run on one event
 * loop; its start does not wait for the database: start-up and readiness never depend on it.
 */
public final class KeyRevocations extends VerticleBase {

  /** The channel of V2__api_key_notifications.sql. */
  static final String CHANNEL = "segment_gateway_api_keys";

  /** How the connection shows in pg_stat_activity. */
  static final String APPLICATION_NAME = "segment-gateway-key-revocations";

  private static final Logger LOG = LoggerFactory.getLogger(KeyRevocations.class);
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{64}");
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 5000;
  private static final long HEARTBEAT_MILLIS = 1000;

  private final PgConnectOptions options;
  private final ApiKeyCache keys;
  private final int ttlMillis;
  private final long answerMillis;
  private PgConnection connection;
  private long timer = -1;
  private int attempt;
  private boolean stopped;
  private volatile boolean listening;

  public KeyRevocations(AppConfig config, ApiKeyCache keys) {
    this.options = Database.connectOptions(config.db())
        .addProperty("application_name", APPLICATION_NAME);
    this.keys = keys;
    this.ttlMillis = config.keys().cacheTtlMillis();
    this.answerMillis = config.db().connectTimeoutMillis();
  }

  /** True while notifications arrive, i.e. a revoked key stops working at once rather than within the TTL. */
  public boolean listening() {
    return listening;
  }

  @Override
  public Future<?> start() {
    connect();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    listening = false;
    vertx.cancelTimer(timer);
    PgConnection current = connection;
    connection = null;
    Future<Void> closed = current == null ? Future.succeededFuture() : current.close()
        .timeout(answerMillis, TimeUnit.MILLISECONDS)
        .otherwiseEmpty();
    return closed.onComplete(ar -> LOG.info("Stopped listening for API key revocations"));
  }

  /** A new connection and its LISTEN, both within answerMillis; a late connection is closed on arrival. */
  private void connect() {
    if (stopped) {
      return;
    }
    Promise<PgConnection> ready = Promise.promise();
    long deadline = vertx.setTimer(answerMillis, id -> ready.tryFail(
        VertxException.noStackTrace("no listening connection within " + answerMillis + " ms")));
    PgConnection.connect(vertx, options).onComplete(connected -> {
      if (connected.failed()) {
        ready.tryFail(connected.cause());
        return;
      }
      PgConnection candidate = connected.result();
      if (ready.future().isComplete() || stopped) {
        abandon(candidate);
        return;
      }
      candidate.query("LISTEN " + CHANNEL).execute().onComplete(listened -> {
        if (listened.failed()) {
          ready.tryFail(listened.cause());
        }
        if (listened.failed() || !ready.tryComplete(candidate)) {
          abandon(candidate);
        }
      });
    });
    ready.future().onComplete(ar -> {
      vertx.cancelTimer(deadline);
      if (ar.succeeded()) {
        listen(ar.result());
      } else {
        retryLater(ar.cause());
      }
    });
  }

  /** LISTEN is in place (again): from now on no change is missed, but any before it may have been. */
  private void listen(PgConnection listener) {
    if (stopped) {
      abandon(listener);
      return;
    }
    connection = listener;
    attempt = 0;
    listener.notificationHandler(notification -> {
      if (connection == listener && CHANNEL.equals(notification.getChannel())) {
        changed(notification.getPayload());
      }
    });
    // Without an exception handler the client prints the error (e.g. the server's FATAL before it closes) to stderr.
    listener.exceptionHandler(failure -> lost(listener, failure.toString()));
    listener.closeHandler(v -> lost(listener, "closed"));
    keys.clear();
    listening = true;
    LOG.info("Listening for API key revocations; the key cache starts afresh");
    heartbeat(listener);
  }

  /** Every second, a SELECT 1 that must be answered within answerMillis: silence is a lost connection. */
  private void heartbeat(PgConnection listener) {
    timer = vertx.setTimer(HEARTBEAT_MILLIS, id -> listener.query("SELECT 1")
        .execute()
        .timeout(answerMillis, TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          if (connection != listener) {
            return;
          }
          if (ar.failed()) {
            lost(listener, "no answer within " + answerMillis + " ms (" + ar.cause() + ")");
          } else {
            heartbeat(listener);
          }
        }));
  }

  private void lost(PgConnection listener, String reason) {
    if (connection != listener) {
      return;
    }
    connection = null;
    listening = false;
    vertx.cancelTimer(timer);
    abandon(listener);
    LOG.warn("Lost the connection that listens for API key revocations ({}); reconnecting. Meanwhile a revoked key"
        + " keeps working for up to apiKeys.cacheTtlMillis ({} ms)", reason, ttlMillis);
    retryLater(null);
  }

  private void retryLater(Throwable failure) {
    if (stopped) {
      return;
    }
    if (failure != null && attempt == 0) {
      LOG.warn("Cannot listen for API key revocations yet ({}); retrying. Until then a revoked key keeps working"
          + " for up to apiKeys.cacheTtlMillis ({} ms)", failure.toString(), ttlMillis);
    }
    timer = vertx.setTimer(backoff(attempt++), id -> connect());
  }

  /** Closed without waiting for the server, which may never answer. */
  private static void abandon(PgConnection listener) {
    if (!Database.closeAbruptly(listener)) {
      listener.close();
    }
  }

  /** payload: the id of a key that changed, or anything else (TRUNCATE sends "") to drop every key. */
  private void changed(String payload) {
    String keyId = payload.toLowerCase(Locale.ROOT);
    if (KEY_ID.matcher(keyId).matches()) {
      keys.forget(keyId);
    } else {
      keys.clear();
    }
  }

  /** 100 ms, doubling up to 5 s: a restarting database is found again quickly, a dead one is not hammered. */
  static long backoff(int attempt) {
    return Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempt, 6));
  }
}
