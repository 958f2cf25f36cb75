package io.segmentgateway.support;

import java.util.function.BooleanSupplier;

/** Waiting in tests, which run on their own threads (never on an event loop). */
public final class Pause {

  private Pause() {
  }

  /** Thread.sleep, failing the test if the thread is interrupted. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until condition holds, checking every 20 ms; fails the test as "not what" after millis. */
  public static void until(String what, BooleanSupplier condition, long millis) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (millisSince(start) > millis) {
        throw new AssertionError("not " + what + " within " + millis + " ms");
      }
      sleep(20);
    }
  }

  /** Milliseconds since a System.nanoTime() reading. */
  public static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
