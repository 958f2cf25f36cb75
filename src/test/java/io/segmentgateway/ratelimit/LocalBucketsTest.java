package io.segmentgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-instance token buckets' arithmetic, on a clock the test moves by hand. */
class LocalBucketsTest {

  private static final long SECOND = 1_000_000_000L;

  /** 2 tokens a second (one every 500 ms), bursts of 3. */
  private static final Limit TWO_A_SECOND = Limit.of(2, 3);

  private final AtomicLong clock = new AtomicLong(42 * SECOND);

  private LocalBuckets limiter(int maxKeys) {
    return new LocalBuckets(maxKeys, clock::get);
  }

  private Decision acquire(Limiter limiter, String key) {
    return limiter.acquire(key, TWO_A_SECOND);
  }

  private void advanceMillis(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aNewKeyMayBurstThenIsRefusedUntilATokenComesBack() {
    Limiter limiter = limiter(100);
    assertThat(acquire(limiter, "k")).isEqualTo(new Decision(true, 2, 1, 0));
    assertThat(acquire(limiter, "k")).isEqualTo(new Decision(true, 1, 1, 0));
    assertThat(acquire(limiter, "k")).isEqualTo(new Decision(true, 0, 2, 0));
    assertThat(acquire(limiter, "k")).isEqualTo(new Decision(false, 0, 1, 1));

    advanceMillis(499);
    assertThat(acquire(limiter, "k").allowed()).isFalse();
    advanceMillis(1);
    assertThat(acquire(limiter, "k")).isEqualTo(new Decision(true, 0, 2, 0));
    assertThat(acquire(limiter, "k").allowed()).isFalse();
  }

  @Test
  void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
    Limiter limiter = limiter(100);
    for (int i = 0; i < 3; i++) {
      acquire(limiter, "k");
    }
    advanceMillis(1000);
    assertThat(acquire(limiter, "k").remaining()).isEqualTo(1);

    advanceMillis(60_000);
    int allowed = 0;
    while (acquire(limiter, "k").allowed()) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(3);
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    Limiter limiter = limiter(100);
    while (acquire(limiter, "noisy").allowed()) {
      // empty the noisy key's bucket
    }
    assertThat(acquire(limiter, "quiet")).isEqualTo(new Decision(true, 2, 1, 0));
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    Limiter slow = new LocalBuckets(10, clock::get);
    Limit quarter = Limit.of(0.25, 1);
    assertThat(slow.acquire("k", quarter).allowed()).isTrue();
    assertThat(slow.acquire("k", quarter)).isEqualTo(new Decision(false, 0, 4, 4));
    advanceMillis(3001);
    assertThat(slow.acquire("k", quarter).retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void fullBucketsAreDroppedWhenTheMapIsAtItsBound() {
    LocalBuckets limiter = limiter(2);
    acquire(limiter, "a");
    acquire(limiter, "b");
    advanceMillis(2000);
    acquire(limiter, "c");
    assertThat(limiter.size()).isEqualTo(1);
  }

  @Test
  void theMapNeverGrowsBeyondItsBoundEvenWhenEveryKeyIsBusy() {
    LocalBuckets limiter = limiter(10);
    for (int i = 0; i < 25; i++) {
      acquire(limiter, "key" + i);
      assertThat(limiter.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void concurrentRequestsOnOneKeyTakeExactlyTheBurst() throws Exception {
    Limiter limiter = new LocalBuckets(10, clock::get);
    Limit shared = Limit.of(1, 500);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(() -> {
          int allowed = 0;
          for (int i = 0; i < 200; i++) {
            allowed += limiter.acquire("shared", shared).allowed() ? 1 : 0;
          }
          return allowed;
        });
      }
      int total = 0;
      for (Future<Integer> allowed : threads.invokeAll(workers)) {
        total += allowed.get();
      }
      assertThat(total).isEqualTo(500);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aKeyWhoseLimitChangesKeepsTheTokensItTook() {
    Limiter limiter = limiter(100);
    acquire(limiter, "k");
    acquire(limiter, "k");
    Limit wider = Limit.of(2, 10);
    assertThat(limiter.acquire("k", wider)).isEqualTo(new Decision(true, 7, 2, 0));
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThatThrownBy(() -> Limit.of(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limit.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Limit.of(1e-9, 1_000_000_000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("centuries");
    assertThatThrownBy(() -> new LocalBuckets(0, clock::get)).isInstanceOf(IllegalArgumentException.class);
  }
}
