package io.segmentgateway.support;

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

  /** Milliseconds since a System.nanoTime() reading. */
  public static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
