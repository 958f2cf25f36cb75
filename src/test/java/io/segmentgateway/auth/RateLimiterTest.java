package io.segmentgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.segmentgateway.config.AppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic, on a clock the test moves by hand. */
class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(42 * SECOND);

  /** 2 tokens a second (one every 500 ms), bursts of 3. */
  private RateLimiter limiter(int maxKeys) {
    return new RateLimiter(2, 3, maxKeys, clock::get);
  }

  private void advanceMillis(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aNewKeyMayBurstThenIsRefusedUntilATokenComesBack() {
    RateLimiter limiter = limiter(100);
    assertThat(limiter.acquire("k")).isEqualTo(new RateLimiter.Decision(true, 2, 1, 0));
    assertThat(limiter.acquire("k")).isEqualTo(new RateLimiter.Decision(true, 1, 1, 0));
    assertThat(limiter.acquire("k")).isEqualTo(new RateLimiter.Decision(true, 0, 2, 0));
    assertThat(limiter.acquire("k")).isEqualTo(new RateLimiter.Decision(false, 0, 2, 1));

    advanceMillis(499);
    assertThat(limiter.acquire("k").allowed()).isFalse();
    advanceMillis(1);
    assertThat(limiter.acquire("k")).isEqualTo(new RateLimiter.Decision(true, 0, 2, 0));
    assertThat(limiter.acquire("k").allowed()).isFalse();
  }

  @Test
  void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
    RateLimiter limiter = limiter(100);
    for (int i = 0; i < 3; i++) {
      limiter.acquire("k");
    }
    advanceMillis(1000);
    assertThat(limiter.acquire("k").remaining()).isEqualTo(1);

    advanceMillis(60_000);
    int allowed = 0;
    while (limiter.acquire("k").allowed()) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(3);
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    RateLimiter limiter = limiter(100);
    while (limiter.acquire("noisy").allowed()) {
      // empty the noisy key's bucket
    }
    assertThat(limiter.acquire("quiet")).isEqualTo(new RateLimiter.Decision(true, 2, 1, 0));
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    RateLimiter slow = new RateLimiter(0.25, 1, 10, clock::get);
    assertThat(slow.acquire("k").allowed()).isTrue();
    assertThat(slow.acquire("k")).isEqualTo(new RateLimiter.Decision(false, 0, 4, 4));
    advanceMillis(3001);
    assertThat(slow.acquire("k").retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void fullBucketsAreDroppedWhenTheMapIsAtItsBound() {
    RateLimiter limiter = limiter(2);
    limiter.acquire("a");
    limiter.acquire("b");
    advanceMillis(2000);
    limiter.acquire("c");
    assertThat(limiter.size()).isEqualTo(1);
  }

  @Test
  void theMapNeverGrowsBeyondItsBoundEvenWhenEveryKeyIsBusy() {
    RateLimiter limiter = limiter(10);
    for (int i = 0; i < 25; i++) {
      limiter.acquire("key" + i);
      assertThat(limiter.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void concurrentRequestsOnOneKeyTakeExactlyTheBurst() throws Exception {
    RateLimiter limiter = new RateLimiter(1, 500, 10, clock::get);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(() -> {
          int allowed = 0;
          for (int i = 0; i < 200; i++) {
            allowed += limiter.acquire("shared").allowed() ? 1 : 0;
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
  void aRateOfZeroTurnsTheLimitOff() {
    assertThat(RateLimitHandler.create(new AppConfig.RateLimit(0, 2000, 10))).isNull();
    assertThat(RateLimitHandler.create(new AppConfig.RateLimit(5, 10, 10))).isNotNull();
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new RateLimiter(0, 10, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, 0, 10, clock::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1e-9, Integer.MAX_VALUE, 10, clock::get))
        .isInstanceOf(ArithmeticException.class);
  }
}
