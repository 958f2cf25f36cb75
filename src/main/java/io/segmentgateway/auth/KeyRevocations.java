package io.segmentgateway.auth;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a revoked key stop working at once on every instance: one PgSubscriber, on a connection of its own (not a
 * request pool's), LISTENs on the channel that migration V2's triggers notify, and drops each key named there from
 * the key cache. While that connection is down the cache's TTL is the only bound; each time it is up again the
 * whole cache is dropped, because the notifications sent meanwhile are lost.
 *
 * <p>A verticle, so that the subscriber, its reconnect timers and every callback run on one event loop, and Vert.x
 * closes it on undeploy. Its start does not wait for the database: start-up and readiness never depend on it.
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

  private final PgConnectOptions options;
  private final ApiKeyCache keys;
  private final int ttlMillis;
  private PgSubscriber subscriber;
  private long retryTimer = -1;
  private boolean stopped;
  private String lastFailure = "closed";
  private volatile boolean listening;

  public KeyRevocations(AppConfig config, ApiKeyCache keys) {
    this.options = Database.connectOptions(config.db())
        .addProperty("application_name", APPLICATION_NAME);
    this.keys = keys;
    this.ttlMillis = config.keys().cacheTtlMillis();
  }

  /** True while notifications arrive, i.e. a revoked key stops working at once rather than within the TTL. */
  public boolean listening() {
    return listening;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, options)
        .reconnectPolicy(this::reconnectDelay);
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> subscribed())
        .handler(this::changed);
    connect(0);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    listening = false;
    vertx.cancelTimer(retryTimer);
    return subscriber.close()
        .onComplete(ar -> LOG.info("Stopped listening for API key revocations"));
  }

  /**
   * The first connection. The subscriber's reconnect policy only covers a connection that was up once, and its
   * connect() does nothing unless it is closed: after a failure it is closed and asked again, with a back-off.
   */
  private void connect(int attempt) {
    subscriber.connect().onFailure(failure -> {
      if (stopped || subscriber.actualConnection() != null) {
        // Connected, but LISTEN failed: the connection is closing and the reconnect policy takes it from here.
        return;
      }
      if (attempt == 0) {
        LOG.warn("Cannot listen for API key revocations yet ({}); retrying. Until then a revoked key keeps working"
            + " for up to apiKeys.cacheTtlMillis ({} ms)", failure.toString(), ttlMillis);
      }
      subscriber.close();
      retryTimer = vertx.setTimer(backoff(attempt), id -> connect(attempt + 1));
    });
  }

  /** Called by the subscriber when its connection is lost (attempt 0) and after each failed attempt to reconnect. */
  private long reconnectDelay(int attempt) {
    if (listening) {
      listening = false;
      LOG.warn("Lost the connection that listens for API key revocations ({}); reconnecting. Meanwhile a revoked key"
          + " keeps working for up to apiKeys.cacheTtlMillis ({} ms)", lastFailure, ttlMillis);
    }
    return backoff(attempt);
  }

  /** LISTEN is in place (again): from now on no change is missed, but any before it may have been. */
  private void subscribed() {
    PgConnection connection = subscriber.actualConnection();
    if (stopped) {
      // A reconnect that was under way when stop() ran.
      if (connection != null) {
        connection.close();
      }
      return;
    }
    if (connection != null) {
      // Without a handler the client prints the error (e.g. the server's FATAL before it closes) to stderr.
      lastFailure = "closed";
      connection.exceptionHandler(failure -> lastFailure = failure.toString());
    }
    keys.clear();
    listening = true;
    LOG.info("Listening for API key revocations; the key cache starts afresh");
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
