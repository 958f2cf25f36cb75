package io.segmentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool's one connection slot, lost to a hung network, comes back by itself: a connection attempt that gets no
 * answer gives up, and an open connection that hears nothing is closed. Without these guards the slot stays
 * taken forever and the pool never serves again.
 */
class GuardedPgDriverTest {

  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int IDLE_TIMEOUT_MILLIS = 1000;

  private FaultProxy proxy;
  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() {
    AppConfig.Db admin = TestDatabase.admin();
    proxy = FaultProxy.start(admin.host(), admin.port());
    AppConfig config = AppConfig.load(Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port()),
        "PGUSER", admin.user(), "PGDATABASE", admin.database())).withInstances(1);
    AppConfig.Db db = config.db();
    vertx = Vertx.vertx();
    pool = Database.createPool(vertx, config.withDb(new AppConfig.Db(db.host(), db.port(), db.database(), db.user(),
        admin.password(), 1, 4, 1000, CONNECT_TIMEOUT_MILLIS, 16, 3000, IDLE_TIMEOUT_MILLIS)));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    proxy.close();
  }

  @Test
  void aConnectionAttemptIntoAHungNetworkGivesUpAndFreesTheSlot() throws Exception {
    proxy.stall();
    assertThatThrownBy(() -> await(pool.query("SELECT 1").execute())).isNotInstanceOf(AssertionError.class);
    proxy.restore();
    assertThat(untilAnswered()).isEqualTo(1);
  }

  @Test
  void aConnectionStuckOnAStatementIsClosedAndReplaced() throws Exception {
    assertThat(await(pool.query("SELECT 1").execute()).size()).isEqualTo(1);
    proxy.stall();
    Future<RowSet<Row>> stuck = pool.query("SELECT 2").execute();
    proxy.restore();
    assertThat(untilAnswered()).isEqualTo(1);
    assertThat(stuck.failed()).as("the statement on the closed connection failed").isTrue();
  }

  /**
   * The guards reach into the client's internals (the socket under a pooled connection, its Netty pipeline): an
   * upgrade that changes them fails here, and GuardedPgDriver must then be adapted or replaced by public settings.
   */
  @Test
  void everyPooledConnectionCarriesTheGuardAndCanBeClosedAbruptly() throws Exception {
    Boolean guarded = await(pool.withConnection(connection -> Future.succeededFuture(
        GuardedPgDriver.condemn(connection, System.nanoTime()))));
    assertThat(guarded).as("the silence guard is in the connection's pipeline").isTrue();
    assertThat(untilAnswered()).isEqualTo(1);
  }

  @Test
  void aTimedOutStatementClosesItsConnectionAndTheIdleOnesOfItsPoolAtOnce() throws Exception {
    Statements statements = new Statements(pool, 500);
    assertThat(await(statements.run("SELECT 1", io.vertx.sqlclient.Tuple.tuple())).size()).isEqualTo(1);
    proxy.stall();
    assertThatThrownBy(() -> await(statements.run("SELECT 2", io.vertx.sqlclient.Tuple.tuple())))
        .isNotInstanceOf(AssertionError.class);
    proxy.restore();
    // The connection into the black hole is gone at once, not after the silence guard's 6 s: a statement or two may
    // still be handed it while it closes and fail at once (pg-client 5.0.7 lends a closing connection), then one
    // is answered.
    Future<RowSet<Row>> next = statements.run("SELECT 3", io.vertx.sqlclient.Tuple.tuple());
    for (int attempt = 0; attempt < 3 && next.otherwiseEmpty().await(10, TimeUnit.SECONDS) == null
        && next.failed(); attempt++) {
      assertThat(next.cause().getCause()).as("a connection that was closing").isInstanceOfAny(
          io.vertx.sqlclient.ClosedConnectionException.class, io.vertx.core.VertxException.class);
      next = statements.run("SELECT 4", io.vertx.sqlclient.Tuple.tuple());
    }
    assertThat(await(next).size()).isEqualTo(1);
  }

  /** Asks until the pool answers, each try bounded, all of them within 20 s. */
  private int untilAnswered() throws InterruptedException {
    long start = System.nanoTime();
    while (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 20) {
      try {
        return await(pool.query("SELECT 1").execute()).size();
      } catch (RuntimeException e) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the pool did not recover within 20 s");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within 10 s: the pool hangs", e);
    }
  }
}
