package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.support.FaultProxy;
import io.segmentgateway.support.PacedLoad;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.TestFleet;
import io.segmentgateway.support.TestRedis;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Redis stalled, cut off, slow and stopped, under a steady load on two instances: no request fails or waits for Redis,
 * each instance limits keys to its share (half) while Redis does not answer, says so once, shows it in a gauge, and
 * shares again by itself once Redis answers. Redis is the test's own, behind a FaultProxy; the timings are printed
 * ("redis fault: ...").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFaultTest {

  private static final String SHARED = "segment_gateway_rate_limit_shared";
  private static final double LOAD_PER_SECOND = 200;

  private TestRedis.Own redis;
  private FaultProxy proxy;
  private TestFleet fleet;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private String where;

  @BeforeAll
  void start() {
    redis = new TestRedis.Own();
    proxy = FaultProxy.start("127.0.0.1", redis.port());
    // Each test's outage is told on its own, though they follow each other within seconds.
    fleet = TestFleet.start(2, "redis://127.0.0.1:" + proxy.port(), c -> c.withRateLimit(c.rateLimit()
        .withRedis(c.rateLimit().redis().withOutageQuietMillis(100))));
    where = "127.0.0.1:" + proxy.port();
    // A second of the same load first: the timings below are then the fault's, not those of JVMs just started.
    String key = ApiKeys.create(fleet.first().server().statements(), "warm", Limit.of(1000, 2000)).await();
    try (PacedLoad warm = PacedLoad.start(List.of(fleet.instance(0).port(), fleet.instance(1).port()), key,
        "/v1/segments", LOAD_PER_SECOND)) {
      Pause.sleep(1000);
      warm.stop();
    }
    log.start();
    ((Logger) LoggerFactory.getLogger(OutageLog.class)).addAppender(log);
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(OutageLog.class)).detachAppender(log);
    fleet.close();
    proxy.close();
    redis.close();
  }

  @BeforeEach
  void shared() {
    for (int i = 0; i < fleet.size(); i++) {
      FleetSignals.awaitGauge(fleet, i, SHARED, 1);
      FleetSignals.awaitGauge(fleet, i, "segment_gateway_rate_limit_instances", 2);
    }
  }

  @Test
  void aStalledRedisPutsEachInstanceOnItsShareUntilItAnswersAgain() {
    outage("stall", proxy::stall, proxy::restore);
  }

  @Test
  void aRedisCutOffPutsEachInstanceOnItsShareUntilItAnswersAgain() {
    outage("cut", proxy::cut, proxy::restore);
  }

  @Test
  void aSlowRedisPutsEachInstanceOnItsShareUntilItAnswersInTimeAgain() {
    outage("slow (100 ms)", () -> proxy.delay(100), proxy::restore);
  }

  @Test
  void aRestartedRedisIsSharedAgainWithItsScriptsSentAnew() {
    outage("stopped and started", redis::stop, redis::start);
    // A restarted Redis knows no script: the leases went out in full (EVAL) once, then by SHA again.
    assertThat(FleetSignals.scriptsSentInFull(redis.url())).isPositive();
    String key = ApiKeys.create(fleet.first().server().statements(), "after", Limit.of(0.001, 8)).await();
    assertThat(admittedBy(0, key, 30)).as("one instance takes the whole shared burst").isBetween(8, 9);
  }

  /** The fault, for about a second under load, then the cure; checks and prints what the load and the log saw. */
  private void outage(String fault, Runnable inject, Runnable cure) {
    String key = ApiKeys.create(fleet.first().server().statements(), "load", Limit.of(1000, 2000)).await();
    int logged = logged().size();
    PacedLoad load = PacedLoad.start(List.of(fleet.instance(0).port(), fleet.instance(1).port()), key,
        "/v1/segments", LOAD_PER_SECOND);
    try {
      Pause.sleep(500);
      long faultAt = System.currentTimeMillis();
      long faultNanos = System.nanoTime();
      inject.run();
      for (int i = 0; i < fleet.size(); i++) {
        FleetSignals.awaitGauge(fleet, i, SHARED, 0);
      }
      Pause.sleep(1000);
      for (int i = 0; i < fleet.size(); i++) {
        assertThat(fleet.send(i, null, HttpMethod.GET, "/health/ready").status()).as("readiness").isEqualTo(200);
      }
      String small = ApiKeys.create(fleet.first().server().statements(), "share", Limit.of(0.001, 8)).await();
      assertThat(admittedBy(0, small, 20)).as("an instance on its share of a burst of 8 (2 instances)").isEqualTo(4);
      long cureAt = System.currentTimeMillis();
      cure.run();
      for (int i = 0; i < fleet.size(); i++) {
        FleetSignals.awaitGauge(fleet, i, SHARED, 1);
      }
      Pause.sleep(300);
      List<PacedLoad.Answer> answers = load.stop();
      report(fault, faultAt, cureAt, logged, answers, faultNanos);
    } finally {
      load.close();
    }
  }

  private void report(String fault, long faultAt, long cureAt, int logged, List<PacedLoad.Answer> answers,
      long faultNanos) {
    List<ILoggingEvent> all = logged();
    // From the fault on: a pause of the machine before it may have put an instance on its share for a moment.
    List<ILoggingEvent> events = all.subList(logged, all.size()).stream()
        .filter(e -> e.getTimeStamp() >= faultAt && e.getFormattedMessage().contains(where))
        .collect(Collectors.toList());
    List<ILoggingEvent> warnings = events.stream().filter(e -> e.getLevel() == Level.WARN).collect(Collectors.toList());
    List<ILoggingEvent> back = events.stream()
        .filter(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().contains("answers again"))
        .collect(Collectors.toList());
    assertThat(warnings).as("one warning per instance").hasSize(fleet.size());
    assertThat(back).as("one line per instance when Redis is back").hasSize(fleet.size());
    Map<Integer, Long> statuses = answers.stream()
        .collect(Collectors.groupingBy(PacedLoad.Answer::status, TreeMap::new, Collectors.counting()));
    long longest = longest(answers, faultNanos, Long.MAX_VALUE);
    long before = longest(answers, Long.MIN_VALUE, faultNanos);
    System.out.println("redis fault: " + fault + ": on its share after "
        + warnings.stream().map(e -> (e.getTimeStamp() - faultAt) + " ms").collect(Collectors.joining(", "))
        + "; shared again after "
        + back.stream().map(e -> (e.getTimeStamp() - cureAt) + " ms").collect(Collectors.joining(", "))
        + "; " + answers.size() + " requests, statuses " + statuses + ", the longest sent after the fault " + longest
        + " ms (before it " + before + " ms)");
    assertThat(statuses.keySet()).as("every request admitted: no 5xx, no refusal under the limit").containsOnly(200);
  }

  /** The longest answer to a request sent in [fromNanos, toNanos), in ms. */
  private static long longest(List<PacedLoad.Answer> answers, long fromNanos, long toNanos) {
    return answers.stream()
        .filter(a -> a.sentNanos() >= fromNanos && a.sentNanos() < toNanos)
        .mapToLong(PacedLoad.Answer::millis)
        .max()
        .orElse(0);
  }

  /** What OutageLog logged so far (the appender appends under its own lock). */
  private List<ILoggingEvent> logged() {
    synchronized (log) {
      return new ArrayList<>(log.list);
    }
  }

  private int admittedBy(int instance, String key, int requests) {
    int admitted = 0;
    for (int i = 0; i < requests; i++) {
      int status = fleet.send(instance, key, HttpMethod.GET, "/v1/segments").status();
      assertThat(status).isIn(200, 429);
      admitted += status == 200 ? 1 : 0;
    }
    return admitted;
  }
}
