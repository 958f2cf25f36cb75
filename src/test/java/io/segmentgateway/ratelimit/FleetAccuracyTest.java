package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.auth.ApiKeys;
import io.segmentgateway.support.PacedLoad;
import io.segmentgateway.support.Pause;
import io.segmentgateway.support.TestFleet;
import io.segmentgateway.support.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One limit for the fleet, measured: three keys at L = 100 requests a second (bursts of 20: 0.2 s, which the
 * instances' pauses on a busy machine do not outlast), each offered 3 L round robin over 1, 2 and 3 instances, for
 * 12 s at once; every 10 s window (sliding by 100 ms) must admit 10 L within 5 %. Prints the extremes
 * ("fleet accuracy: ...").
 */
class FleetAccuracyTest {

  private static final int LIMIT = 100;
  private static final int BURST = 20;
  private static final long RUN_MILLIS = 12_000;
  private static final long WINDOW_MILLIS = 10_000;
  private static final long STEP_MILLIS = 100;

  @Test
  void everyTenSecondWindowAdmitsTheLimitWithinFivePercentOnOneTwoAndThreeInstances() {
    try (TestFleet fleet = TestFleet.start(3, TestRedis.url(), c -> c)) {
      FleetSignals.awaitGauge(fleet, 2, "segment_gateway_rate_limit_instances", 3);
      List<PacedLoad> loads = new ArrayList<>();
      try {
        for (int instances = 1; instances <= 3; instances++) {
          List<Integer> ports = new ArrayList<>();
          for (int i = 0; i < instances; i++) {
            ports.add(fleet.instance(i).port());
          }
          String key = ApiKeys.create(fleet.first().server().statements(), "accuracy", Limit.of(LIMIT, BURST)).await();
          loads.add(PacedLoad.start(ports, key, "/v1/segments", 3.0 * LIMIT));
        }
        Pause.sleep(RUN_MILLIS);
        for (int instances = 1; instances <= 3; instances++) {
          PacedLoad load = loads.get(instances - 1);
          double[] extremes = windows(load.startNanos(), load.stop());
          System.out.printf("fleet accuracy: N=%d, offered 3 L, every 10 s window admitted %.1f%% .. %.1f%% of 10 L%n",
              instances, extremes[0], extremes[1]);
          assertThat(extremes[0]).as("N=" + instances + ", the fewest admitted in a window, % of 10 L")
              .isGreaterThanOrEqualTo(95);
          assertThat(extremes[1]).as("N=" + instances + ", the most admitted in a window, % of 10 L")
              .isLessThanOrEqualTo(105);
        }
      } finally {
        loads.forEach(PacedLoad::close);
      }
    }
  }

  /** The least and the most admitted in a 10 s window of the run, in percent of 10 L. */
  private static double[] windows(long startNanos, List<PacedLoad.Answer> answers) {
    int steps = (int) (RUN_MILLIS / STEP_MILLIS);
    long[] admitted = new long[steps];
    for (PacedLoad.Answer answer : answers) {
      assertThat(answer.status()).as("every answer is 200 or 429").isIn(200, 429);
      long step = TimeUnit.NANOSECONDS.toMillis(answer.sentNanos() - startNanos) / STEP_MILLIS;
      if (answer.status() == 200 && step < steps) {
        admitted[(int) step]++;
      }
    }
    int width = (int) (WINDOW_MILLIS / STEP_MILLIS);
    double least = Double.MAX_VALUE;
    double most = 0;
    for (int from = 0; from + width <= steps; from++) {
      long sum = 0;
      for (int i = from; i < from + width; i++) {
        sum += admitted[i];
      }
      double percent = 100.0 * sum / (LIMIT * WINDOW_MILLIS / 1000.0);
      least = Math.min(least, percent);
      most = Math.max(most, percent);
    }
    return new double[] {least, most};
  }
}
