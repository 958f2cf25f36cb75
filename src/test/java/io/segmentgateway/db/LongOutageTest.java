package io.segmentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests keep coming while the database is stalled, each giving up after its timeout. A request that gave up
 * must also give up its place in the pool's wait queue: otherwise a long outage leaves the queue full of dead
 * waiters, and the requests of the first moments after the database is back are refused as "queue full". So the
 * same burst, sent as soon as the database answers again, is served in full after a 60 s outage as after a 5 s one.
 */
class LongOutageTest {

  private static final int QUEUE = 8;
  private static final int BURST = 6;

  private FaultProxy proxy;
  private Vertx vertx;
  private Statements statements;

  @BeforeEach
  void start() {
    AppConfig.Db admin = TestDatabase.admin();
    proxy = FaultProxy.start(admin.host(), admin.port());
    AppConfig config = AppConfig.load(Map.of("PGHOST", "127.0.0.1", "PGPORT", String.valueOf(proxy.port()),
        "PGUSER", admin.user(), "PGDATABASE", admin.database())).withInstances(1);
    AppConfig.Db db = config.db();
    vertx = Vertx.vertx();
    Pool pool = Database.createPool(vertx, config.withDb(new AppConfig.Db(db.host(), db.port(), db.database(),
        db.user(), admin.password(), 1, QUEUE, 1500, 500, 16, 2000, 1000)));
    statements = new Statements(pool, 2000);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    proxy.close();
  }

  @Test
  void afterAFiveSecondOutageTheFirstBurstIsServed() throws Exception {
    outageThenBurst(5);
  }

  @Test
  void afterASixtySecondOutageTheFirstBurstIsServedToo() throws Exception {
    outageThenBurst(60);
  }

  private void outageThenBurst(int seconds) throws Exception {
    assertThat(statements.run("SELECT 1", Tuple.tuple()).await(10, TimeUnit.SECONDS).size()).isEqualTo(1);
    proxy.stall();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<RowSet<Row>>> during = new ArrayList<>();
    while (System.nanoTime() < end) {
      // Ten requests a second, each waiting 1.5 s for a connection at most: more than the queue holds.
      during.add(statements.run("SELECT 2", Tuple.tuple()));
      Thread.sleep(100);
    }
    Future.join(during).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    long restored = System.nanoTime();
    proxy.restore();
    List<Future<RowSet<Row>>> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      burst.add(statements.run("SELECT 3", Tuple.tuple()));
    }
    Future.join(burst).otherwiseEmpty().await(10, TimeUnit.SECONDS);
    long served = burst.stream().filter(Future::succeeded).count();
    System.out.printf("outage: %d s, %d requests during it, burst served %d of %d within %d ms of the restore%n",
        seconds, during.size(), served, BURST, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restored));
    for (Future<RowSet<Row>> reply : burst) {
      assertThat(reply.succeeded()).as("a request of the first burst: %s", reply.cause()).isTrue();
    }
  }
}
