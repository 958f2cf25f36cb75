package io.segmentgateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id and echoes it on the response: the client's X-Request-Id when it is 1 to 128 visible
 * ASCII characters (0x21-0x7E: no space, no control character, so it is safe in a log line), else a generated one.
 */
public final class RequestId implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";

  private static final int MAX_LENGTH = 128;

  private static final String KEY = "requestId";

  @Override
  public void handle(RoutingContext ctx) {
    of(ctx);
    ctx.next();
  }

  /** The id of this request, assigned on first use, so that failures before any route still get one. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null) {
      id = choose(ctx.request().getHeader(HEADER));
      ctx.put(KEY, id);
      if (!ctx.response().headWritten()) {
        ctx.response().putHeader(HEADER, id);
      }
    }
    return id;
  }

  /** The id for a request that sent this X-Request-Id (null when it sent none). */
  public static String choose(String sent) {
    return acceptable(sent) ? sent : generate();
  }

  private static boolean acceptable(String sent) {
    if (sent == null || sent.isEmpty() || sent.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < sent.length(); i++) {
      char c = sent.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** 128 random bits as 32 hex digits: unique enough to find a request in the logs, and cheap. */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return hex16(random.nextLong()) + hex16(random.nextLong());
  }

  private static String hex16(long value) {
    String hex = Long.toHexString(value);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
