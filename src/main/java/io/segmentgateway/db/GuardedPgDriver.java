package io.segmentgateway.db;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.internal.Connection;
import io.vertx.sqlclient.internal.SqlConnectionInternal;
import io.vertx.sqlclient.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL driver with two guards the pool needs so that a hung network never wedges it for good:
 * <ul>
 *   <li>a new connection (TCP connect, startup, authentication) that is not ready within connectTimeoutMillis
 *   fails, and frees its pool slot; one that completes later is closed;</li>
 *   <li>an open connection that reads nothing for silenceMillis is closed, so that one stuck on a statement
 *   whose answer will never come leaves the pool (the pool closes idle ones well before that);</li>
 *   <li>a statement that timed out closes its connection and every connection that read nothing since
 *   (condemn), so that after a stall no pool hands out connections into the black hole.</li>
 * </ul>
 * Each close is abrupt, from the front of the pipeline (Silence).
 * Vert.x pg client 5.0.7 ignores the NetClientOptions given to its builder (eclipse-vertx/vertx-sql-client#1608,
 * fixed in later releases), where a connect and a read idle timeout would do this; hence this driver.
 */
final class GuardedPgDriver extends PgDriver {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedPgDriver.class);

  private final long connectTimeoutMillis;
  private final long silenceMillis;

  GuardedPgDriver(long connectTimeoutMillis, long silenceMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.silenceMillis = silenceMillis;
  }

  @Override
  public ConnectionFactory<PgConnectOptions> createConnectionFactory(Vertx vertx, NetClientOptions transportOptions) {
    return new Factory(super.createConnectionFactory(vertx, transportOptions));
  }

  private final class Factory implements ConnectionFactory<PgConnectOptions> {

    private final ConnectionFactory<PgConnectOptions> delegate;

    Factory(ConnectionFactory<PgConnectOptions> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<SqlConnection> connect(Context context, PgConnectOptions options) {
      // On the connection's own context, as the pool expects its futures.
      ContextInternal ctx = (ContextInternal) context;
      Promise<SqlConnection> result = ctx.promise();
      long timer = ctx.setTimer(connectTimeoutMillis, id -> result.tryFail(
          VertxException.noStackTrace("no database connection within " + connectTimeoutMillis + " ms")));
      delegate.connect(context, options).onComplete(ar -> {
        ctx.owner().cancelTimer(timer);
        if (ar.failed()) {
          result.tryFail(ar.cause());
          return;
        }
        SqlConnection connection = ar.result();
        watchSilence(connection);
        if (!result.tryComplete(connection)) {
          // The pool has given up on this one already.
          connection.close();
        }
      });
      return result.future();
    }

    @Override
    public void close(Completable<Void> completion) {
      delegate.close(completion);
    }
  }

  /** A read idle timer at the front of the connection's pipeline (see Silence). */
  private void watchSilence(SqlConnection connection) {
    ChannelPipeline pipeline = pipeline(connection);
    if (pipeline == null) {
      LOG.warn("cannot watch database connections for silence: unexpected connection type {}", connection.getClass());
      return;
    }
    pipeline.addFirst(Silence.NAME, new Silence(silenceMillis));
  }

  /**
   * The connection (pooled or not) was sent a statement at sentNanos and nothing came back in time: it is closed at
   * once, and so is every database connection of the process (of every pool) that has read nothing since then, as
   * the network they share is the likelier culprit than the statement. A close that goes through the PostgreSQL encoder only sends Terminate
   * and half-closes, waiting for the server, which on a black-holed network never answers: these close from the
   * front of the pipeline. False when the connection has no such guard (then it is left to its pool).
   */
  public static boolean condemn(SqlConnection connection, long sentNanos) {
    ChannelPipeline pipeline = pipeline(connection);
    Silence silence = pipeline == null ? null : (Silence) pipeline.get(Silence.NAME);
    if (silence == null) {
      return false;
    }
    silence.condemn(sentNanos);
    return true;
  }

  /** Closes a connection at once, without waiting for the server; false when it cannot be reached. */
  public static boolean closeAbruptly(SqlConnection connection) {
    ChannelPipeline pipeline = pipeline(connection);
    if (pipeline == null) {
      return false;
    }
    pipeline.firstContext().close();
    return true;
  }

  private static ChannelPipeline pipeline(SqlConnection connection) {
    Connection inner = connection instanceof SqlConnectionInternal
        ? ((SqlConnectionInternal) connection).unwrap()
        : null;
    while (inner != null && !(inner instanceof SocketConnectionBase) && inner.unwrap() != inner) {
      inner = inner.unwrap();
    }
    if (!(inner instanceof SocketConnectionBase)) {
      return null;
    }
    return ((SocketConnectionBase) inner).socket().channelHandlerContext().pipeline();
  }
}
