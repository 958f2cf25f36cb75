package io.segmentgateway.db;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL driver with two guards the pool needs so that a hung network never wedges it for good:
 * <ul>
 *   <li>a new connection (TCP connect, startup, authentication) that is not ready within connectTimeoutMillis
 *   fails, and frees its pool slot; one that completes later is closed;</li>
 *   <li>an open connection that reads nothing for silenceMillis is closed, so that one stuck on a statement
 *   whose answer will never come leaves the pool (the pool closes idle ones well before that).</li>
 * </ul>
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

  /** A read idle timer in the connection's pipeline; its event makes Vert.x close the connection. */
  private void watchSilence(SqlConnection connection) {
    Connection inner = connection instanceof SqlConnectionInternal
        ? ((SqlConnectionInternal) connection).unwrap()
        : null;
    while (inner != null && !(inner instanceof SocketConnectionBase) && inner.unwrap() != inner) {
      inner = inner.unwrap();
    }
    if (!(inner instanceof SocketConnectionBase)) {
      LOG.warn("cannot watch database connections for silence: unexpected connection type {}", connection.getClass());
      return;
    }
    ChannelPipeline pipeline = ((SocketConnectionBase) inner).socket().channelHandlerContext().pipeline();
    pipeline.addFirst("silence", new IdleStateHandler(silenceMillis, 0, 0, TimeUnit.MILLISECONDS));
  }
}
