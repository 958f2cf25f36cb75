package io.segmentgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * More requests than the pool and its bounded wait queue can hold, while the database hangs: those beyond the queue
 * get 503 at once instead of waiting; the rest get 503 when their wait runs out; none hangs. Then the database
 * answers again and the pool's only connection, stuck in the hang, is dropped by itself: requests succeed again.
 */
class OverloadTest {

  private static final int POOL_SIZE = 1;
  private static final int WAIT_QUEUE = 2;
  private static final int REQUESTS = 12;

  @Test
  void beyondTheWaitQueueRequestsGet503AtOnceAndTheStuckConnectionIsReplaced() throws InterruptedException {
    try (FaultProxy proxy = FaultProxy.toTestDatabase();
        TestServer server = TestServer.start(c -> c
            .withDb(proxy.through(c.db()).withPool(POOL_SIZE, WAIT_QUEUE))
            .withKeys(new AppConfig.Keys(600_000, 100))
            // The pool's own wait queue is what this shows: reads wait in it, not in a read batcher's queue
            // (whose bound PatchBatchingTest shows).
            .withReadBatching(new AppConfig.Batching(false, 1, 64)));
        PortClient client = new PortClient(server.server().port(), 10_000)) {
      String path = "/v1/segments/seg_missing";
      assertThat(client.send(server.keyA(), HttpMethod.GET, path, null).status()).isEqualTo(404);

      proxy.stall();
      long start = System.nanoTime();
      List<Future<Reply>> replies = new ArrayList<>();
      List<Long> answeredMillis = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        replies.add(client.start(client.request(server.keyA(), HttpMethod.GET, path), null)
            .andThen(ar -> {
              synchronized (answeredMillis) {
                answeredMillis.add((System.nanoTime() - start) / 1_000_000);
              }
            }));
      }
      for (Future<Reply> reply : replies) {
        Reply r = client.await(reply);
        assertThat(r.status()).as("%s", r).isEqualTo(503);
        assertThat(r.header("Retry-After")).isNotBlank();
      }
      List<Long> sorted = answeredMillis.stream().sorted().collect(Collectors.toList());
      System.out.println("overload: pool=" + POOL_SIZE + " waitQueue=" + WAIT_QUEUE + " answered_ms=" + sorted);
      long connectionTimeout = server.config().db().connectionTimeoutMillis();
      long early = sorted.stream().filter(ms -> ms < connectionTimeout).count();
      assertThat(early)
          .as("answers before anyone could have waited out the connection timeout: %s", sorted)
          .isGreaterThanOrEqualTo(REQUESTS - POOL_SIZE - WAIT_QUEUE);

      long restored = System.nanoTime();
      proxy.restore();
      Reply reply;
      do {
        reply = client.send(server.keyA(), HttpMethod.GET, path, null);
        assertThat((System.nanoTime() - restored) / 1_000_000).as("recovery").isLessThan(30_000);
        Thread.sleep(50);
      } while (reply.status() != 404);
      System.out.printf("overload: recover_ms=%d (the stuck connection dropped, a new one opened)%n",
          (System.nanoTime() - restored) / 1_000_000);
    }
  }
}
