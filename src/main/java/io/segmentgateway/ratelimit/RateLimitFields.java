package io.segmentgateway.ratelimit;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The value of the RateLimit field ("api-key";r=…;t=…), written straight into the bytes the response carries: no
 * StringBuilder, no String, one array per response. RateLimit-Policy does not change per response: Limit holds it.
 */
final class RateLimitFields {

  private static final byte[] REMAINING = ("\"" + Limit.POLICY + "\";r=").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESET = ";t=".getBytes(StandardCharsets.US_ASCII);

  private RateLimitFields() {
  }

  /** remaining and resetSeconds are never negative. */
  static CharSequence state(long remaining, long resetSeconds) {
    int remainingDigits = digits(remaining);
    int resetDigits = digits(resetSeconds);
    byte[] value = new byte[REMAINING.length + remainingDigits + RESET.length + resetDigits];
    System.arraycopy(REMAINING, 0, value, 0, REMAINING.length);
    int end = write(value, REMAINING.length + remainingDigits, remaining);
    System.arraycopy(RESET, 0, value, end, RESET.length);
    write(value, end + RESET.length + resetDigits, resetSeconds);
    return new AsciiString(value, false);
  }

  /** Writes number's digits so that the last ends just before end; returns end. */
  private static int write(byte[] value, int end, long number) {
    int at = end;
    long rest = number;
    do {
      value[--at] = (byte) ('0' + rest % 10);
      rest /= 10;
    } while (rest > 0);
    return end;
  }

  private static int digits(long number) {
    int digits = 1;
    for (long rest = number / 10; rest > 0; rest /= 10) {
      digits++;
    }
    return digits;
  }
}
