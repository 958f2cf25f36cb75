package io.segmentgateway.db;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.ClientBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.concurrent.TimeUnit;

/** Connection pools to PostgreSQL: the request pools (see LoopPools), the readiness check's, the key commands'. */
public final class Database {

  private Database() {
  }

  /** Silence past the idle timeout after which a connection that is not idle (busy with a statement) is dead. */
  static final int SILENCE_MARGIN_MILLIS = 5000;

  public static PgConnectOptions connectOptions(AppConfig.Db db) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(db.preparedStatementCacheMaxSize());
    if (db.queryTimeoutMillis() > 0) {
      // The server gives up on a statement when the client has: a slow statement must not keep holding a connection
      // (and its locks) for a request that was answered 503 long ago.
      options.addProperty("statement_timeout", String.valueOf(db.queryTimeoutMillis()));
    }
    if (db.password() != null) {
      options.setPassword(db.password());
    }
    return options;
  }

  /**
   * A bounded pool, so that a dead or overloaded database turns into quick 503s instead of requests that hang:
   * <ul>
   *   <li>a request waits at most connectionTimeoutMillis for a connection, behind at most maxWaitQueueSize
   *   others (beyond them: "pool too busy" at once);</li>
   *   <li>every statement is bounded by queryTimeoutMillis on the client (the repositories) and on the server
   *   (statement_timeout);</li>
   *   <li>a new connection must be ready within connectTimeoutMillis; a connection closed by the server or the
   *   network leaves the pool when it closes; one that just goes silent (a hung network keeps the socket open)
   *   is closed once it has read nothing for idleTimeoutMillis + 5 s (GuardedPgDriver). Idle connections are
   *   closed by the pool after idleTimeoutMillis, before that timer can fire on them, so it only ever catches
   *   connections stuck on a statement. Either way the slot is freed and the pool reconnects by itself once
   *   the database answers again.</li>
   * </ul>
   * Its connections live on the event loop of the first caller that needs a new one: a pool used by one
   * verticle only (LoopPools) keeps every connection on that verticle's event loop.
   */
  public static Pool createPool(Vertx vertx, AppConfig config) {
    return createPool(vertx, POOL_NAME, config);
  }

  /**
   * Closes a connection at once, without waiting for the server (which on a black-holed network never answers a
   * polite close); false when the connection's socket cannot be reached.
   */
  public static boolean closeAbruptly(SqlConnection connection) {
    return GuardedPgDriver.closeAbruptly(connection);
  }

  /** The name of the request pools in the metrics (pool_name). */
  static final String POOL_NAME = "segment-gateway";

  /**
   * Two connections of its own for the readiness check: it asks whether the database answers, not how long the
   * queue for the request pool is, so that a busy instance does not take itself out of the balancer (and push
   * its load onto the others, which then look busy too).
   */
  public static Pool createCheckPool(Vertx vertx, AppConfig config) {
    return createPool(vertx, "segment-gateway-check", config.withDb(config.db().withPool(2, 16)).withInstances(1));
  }

  static Pool createPool(Vertx vertx, String name, AppConfig config) {
    AppConfig.Db db = config.db();
    PoolOptions poolOptions = new PoolOptions()
        .setName(name)
        .setMaxSize(db.poolMaxSize())
        .setMaxWaitQueueSize(db.maxWaitQueueSize())
        .setConnectionTimeout(db.connectionTimeoutMillis())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout(db.idleTimeoutMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setPoolCleanerPeriod(1000);
    NetClientOptions netOptions = new NetClientOptions()
        .setConnectTimeout(db.connectTimeoutMillis());
    GuardedPgDriver driver = new GuardedPgDriver(db.connectTimeoutMillis(),
        db.idleTimeoutMillis() + SILENCE_MARGIN_MILLIS);
    return ClientBuilder.pool(driver)
        .with(poolOptions)
        .with(netOptions)
        .connectingTo(connectOptions(db))
        .using(vertx)
        .build();
  }
}
