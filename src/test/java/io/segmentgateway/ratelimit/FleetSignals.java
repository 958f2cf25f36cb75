package io.segmentgateway.ratelimit;

import io.segmentgateway.support.Pause;
import io.segmentgateway.support.TestFleet;
import io.segmentgateway.support.TestRedis;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the rate-limit tests read from a fleet and its Redis: gauges, and how many scripts Redis ran. */
final class FleetSignals {

  private static final Pattern CALLS = Pattern.compile("cmdstat_(evalsha|eval):calls=(\\d+)");

  private FleetSignals() {
  }

  /** Waits (up to 30 s) until the instance's gauge reads value. */
  static void awaitGauge(TestFleet fleet, int index, String gauge, double value) {
    Pause.until("instance " + index + " at " + gauge + " = " + value, () -> fleet.gauge(index, gauge) == value, 30_000);
  }

  /** EVALSHA and EVAL calls the server has answered since it started. */
  static long scriptCalls(String redisUrl) {
    String stats = TestRedis.command(redisUrl, Request.cmd(Command.INFO).arg("commandstats")).toString();
    Matcher matcher = CALLS.matcher(stats);
    long calls = 0;
    while (matcher.find()) {
      calls += Long.parseLong(matcher.group(2));
    }
    return calls;
  }

  /** EVAL calls only: the scripts sent in full, after Redis answered NOSCRIPT. */
  static long scriptsSentInFull(String redisUrl) {
    String stats = TestRedis.command(redisUrl, Request.cmd(Command.INFO).arg("commandstats")).toString();
    Matcher matcher = CALLS.matcher(stats);
    long calls = 0;
    while (matcher.find()) {
      calls += matcher.group(1).equals("eval") ? Long.parseLong(matcher.group(2)) : 0;
    }
    return calls;
  }
}
