package io.segmentgateway.db;

import io.segmentgateway.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** The one connection pool of the process, shared by every server verticle. */
public final class Database {

  private Database() {
  }

  public static PgConnectOptions connectOptions(AppConfig.Db db) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(db.preparedStatementCacheMaxSize());
    if (db.password() != null) {
      options.setPassword(db.password());
    }
    return options;
  }

  /**
   * A bounded pool: a request waits at most connectionTimeoutMillis for a connection and the wait queue has
   * a limit, so a dead or overloaded database turns into quick failures instead of requests that hang.
   * eventLoopSize spreads the connections over the event loops of the verticles that use them.
   */
  public static Pool createPool(Vertx vertx, AppConfig config) {
    AppConfig.Db db = config.db();
    PoolOptions poolOptions = new PoolOptions()
        .setName("segment-gateway")
        .setMaxSize(db.poolMaxSize())
        .setMaxWaitQueueSize(db.maxWaitQueueSize())
        .setConnectionTimeout(db.connectionTimeoutMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setEventLoopSize(Math.min(config.instances(), db.poolMaxSize()));
    NetClientOptions netOptions = new NetClientOptions()
        .setConnectTimeout(db.connectTimeoutMillis());
    return PgBuilder.pool()
        .with(poolOptions)
        .with(netOptions)
        .connectingTo(connectOptions(db))
        .using(vertx)
        .build();
  }
}
