package io.segmentgateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Gives every request an id (the client's X-Request-Id when it is sane) and echoes it on the response. */
public final class RequestId implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";

  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    of(ctx);
    ctx.next();
  }

  /** The id of this request, assigned on first use, so that failures before any route still get one. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null) {
      String sent = ctx.request().getHeader(HEADER);
      id = sent != null && SANE.matcher(sent).matches() ? sent : generate();
      ctx.put(KEY, id);
      if (!ctx.response().headWritten()) {
        ctx.response().putHeader(HEADER, id);
      }
    }
    return id;
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
