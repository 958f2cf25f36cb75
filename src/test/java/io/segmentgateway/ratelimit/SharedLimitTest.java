package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestFleet;
import io.segmentgateway.support.TestRedis;
import io.vertx.core.http.HttpMethod;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two instances share one bucket per key through Redis (the tests' own, or REDIS_URL's). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLimitTest {

  private TestFleet fleet;

  @BeforeAll
  void start() {
    fleet = TestFleet.start(2, TestRedis.url(), c -> c);
    for (int i = 0; i < fleet.size(); i++) {
      FleetSignals.awaitGauge(fleet, i, "segment_gateway_rate_limit_shared", 1);
      FleetSignals.awaitGauge(fleet, i, "segment_gateway_rate_limit_instances", 2);
    }
  }

  @AfterAll
  void stop() {
    fleet.close();
  }

  private String newKey(Limit limit) {
    return ApiKeys.create(fleet.first().server().statements(), "shared", limit).await();
  }

  /** Sends requests, alternating between the instances (a round-robin balancer); returns how many were admitted. */
  private int admitted(String key, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      Reply reply = fleet.send(i % fleet.size(), key, HttpMethod.GET, "/v1/segments");
      assertThat(reply.status()).as(reply.toString()).isIn(200, 429);
      admitted += reply.status() == 200 ? 1 : 0;
    }
    return admitted;
  }

  @Test
  void twoInstancesAdmitOneBurstBetweenThemNotOneEach() {
    // Nothing comes back within the test: only the burst is there to share.
    String key = newKey(Limit.of(0.001, 10));
    int admitted = admitted(key, 40);
    // Each instance may pass one request on credit before the fleet's bucket has answered it (KeyLease).
    assertThat(admitted).isBetween(10, 10 + fleet.size());
  }

  @Test
  void aRefusedClientThatWaitsForRetryAfterIsAdmitted() {
    String key = newKey(Limit.of(1, 2));
    Reply refused = null;
    for (int i = 0; i < 20 && refused == null; i++) {
      Reply reply = fleet.send(i % 2, key, HttpMethod.GET, "/v1/segments");
      refused = reply.status() == 429 ? reply : null;
    }
    assertThat(refused).as("a 429 within 20 requests").isNotNull();
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(RateLimitTest.state(refused)).containsExactly(0, retryAfter);
    Pause.sleep(retryAfter * 1000);
    assertThat(fleet.send(0, key, HttpMethod.GET, "/v1/segments").status()).isEqualTo(200);
  }

  @Test
  void aRequestCostsNoRedisRoundTrip() {
    // A Redis of its own, so that only this fleet's calls are counted.
    try (TestRedis.Own redis = new TestRedis.Own(); TestFleet own = TestFleet.start(2, redis.url(), c -> c)) {
      FleetSignals.awaitGauge(own, 1, "segment_gateway_rate_limit_instances", 2);
      String key = ApiKeys.create(own.first().server().statements(), "cheap", Limit.of(1_000_000, 1_000_000)).await();
      long before = FleetSignals.scriptCalls(redis.url());
      int requests = 1000;
      for (int i = 0; i < requests; i++) {
        assertThat(own.send(i % 2, key, HttpMethod.GET, "/v1/segments").status()).isEqualTo(200);
      }
      long calls = FleetSignals.scriptCalls(redis.url()) - before;
      System.out.println("shared limit: " + calls + " Redis script calls (leases and heartbeats) for " + requests
          + " requests");
      assertThat(calls).isLessThan(requests / 5);
    }
  }

  @Test
  void whatIsLeftIsTheFleetsNotOneInstances() {
    String key = newKey(Limit.of(0.001, 100));
    admitted(key, 30);
    // The last leases have had their answers (a key this slow leases one token at a time).
    Pause.sleep(100);
    long left = RateLimitTest.state(fleet.send(1, key, HttpMethod.GET, "/v1/segments"))[0];
    // 31 taken of 100 across both; an instance on its own would say 100 - 16 = 84 or so.
    assertThat(left).isBetween(60L, 70L);
  }

  @Test
  void aStoppedInstanceLeavesTheFleetAtOnce() {
    try (TestFleet three = TestFleet.start(2, TestRedis.url(), c -> c)) {
      FleetSignals.awaitGauge(three, 0, "segment_gateway_rate_limit_instances", 2);
      String instances = three.first().config().rateLimit().redis().keyPrefix() + "instances";
      three.stop(1);
      // Without the goodbye the stopped one would count for instanceTtlMillis (3 s) more.
      long left = TestRedis.command(TestRedis.url(), Request.cmd(Command.ZCARD, instances)).toLong();
      assertThat(left).isEqualTo(1);
    }
  }
}
