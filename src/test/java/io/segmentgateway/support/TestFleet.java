package io.segmentgateway.support;

import io.segmentgateway.Server;
import io.segmentgateway.config.AppConfig;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Several instances of the service on one database, sharing rate limits through one Redis under one key prefix, as
 * a fleet behind a balancer: the first is a TestServer (its database, its two keys and its client), the others run
 * its configuration on ports of their own. The test is the balancer: it picks the instance of each request.
 */
public final class TestFleet implements AutoCloseable {

  private final TestServer first;
  private final List<Server> others = new ArrayList<>();

  private TestFleet(TestServer first) {
    this.first = first;
  }

  /** size instances sharing through redisUrl; adjust: changes to their configuration (Redis is set after it). */
  public static TestFleet start(int size, String redisUrl, UnaryOperator<AppConfig> adjust) {
    String prefix = TestRedis.prefix();
    TestFleet fleet = new TestFleet(TestServer.start(c -> TestRedis.sharing(adjust.apply(c), redisUrl, prefix)));
    try {
      for (int i = 1; i < size; i++) {
        fleet.others.add(Server.start(fleet.first.config()));
      }
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
    return fleet;
  }

  public TestServer first() {
    return first;
  }

  public int size() {
    return 1 + others.size();
  }

  public Server instance(int index) {
    return index == 0 ? first.server() : others.get(index - 1);
  }

  /** A request to the instance at index, with key (null: none). */
  public Reply send(int index, String key, HttpMethod method, String uri) {
    var request = first.client().request(method, instance(index).port(), "localhost", uri);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return TestServer.await(request.send());
  }

  /** The value of a gauge of the instance at index, from its /metrics. */
  public double gauge(int index, String name) {
    return new PrometheusText(send(index, null, HttpMethod.GET, "/metrics").body().toString()).value(name, Map.of());
  }

  /** Stops the instance at index as a drain does after its requests (it leaves the fleet first). */
  public void stop(int index) {
    instance(index).close();
  }

  @Override
  public void close() {
    try {
      for (Server other : others) {
        other.close();
      }
    } finally {
      first.close();
    }
  }
}
