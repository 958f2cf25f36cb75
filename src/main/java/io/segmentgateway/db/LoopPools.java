package io.segmentgateway.db;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The request pools: one per server verticle, so that a request and its database connection share one event
 * loop. A shared pool hands a request on loop A a connection living on loop B: the statement and its answer then
 * cross threads twice, each crossing a wake-up of the other loop's selector (an eventfd write and an extra
 * epoll_wait), which on this service cost more CPU than the statement itself.
 *
 * <p>database.poolMaxSize and database.maxWaitQueueSize are totals, split as evenly as possible; with fewer
 * connections than verticles, verticles share pools (verticle i uses pool i modulo the pools).
 */
public final class LoopPools {

  private final List<Pool> pools;
  private final int maxSize;

  private LoopPools(List<Pool> pools, int maxSize) {
    this.pools = pools;
    this.maxSize = maxSize;
  }

  public static LoopPools create(Vertx vertx, AppConfig config) {
    AppConfig.Db db = config.db();
    int count = Math.max(1, Math.min(config.instances(), db.poolMaxSize()));
    registerTotalPoolMetrics(vertx, db.poolMaxSize());
    List<Pool> pools = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int waitQueue = db.maxWaitQueueSize() < 0 ? db.maxWaitQueueSize() : share(db.maxWaitQueueSize(), count, i);
      AppConfig.Db part = db.withPool(share(db.poolMaxSize(), count, i), waitQueue);
      pools.add(Database.createPool(vertx, Database.POOL_NAME, config.withDb(part)));
    }
    return new LoopPools(List.copyOf(pools), db.poolMaxSize());
  }

  /** The pool of the index-th server verticle (from 0). */
  public Pool forVerticle(int index) {
    return pools.get(index % pools.size());
  }

  /** A pool for work outside the request path (tests, the development launcher). */
  public Pool any() {
    return pools.get(0);
  }

  /** Connections open now, in use or idle, over all pools. */
  public int size() {
    int size = 0;
    for (Pool pool : pools) {
      size += pool.size();
    }
    return size;
  }

  public int maxSize() {
    return maxSize;
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>(pools.size());
    for (Pool pool : pools) {
      closing.add(pool.close());
    }
    return Future.join(closing)
        .mapEmpty();
  }

  /** The i-th of count near-equal parts of total. */
  private static int share(int total, int count, int i) {
    return total / count + (i < total % count ? 1 : 0);
  }

  /**
   * The pools share one set of vertx_pool_* meters (same type and name, their counts add up). The usage ratio
   * divides by the max size of the pool that registers it first: registered here first, with the total.
   */
  private static void registerTotalPoolMetrics(Vertx vertx, int totalMaxSize) {
    VertxMetrics metrics = ((VertxInternal) vertx).metrics();
    if (metrics != null) {
      metrics.createPoolMetrics("sql", Database.POOL_NAME, totalMaxSize);
    }
  }
}
