package io.segmentgateway.segment.idempotency;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.http.IdempotencyKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A write sent with an Idempotency-Key, as its statement records it: the key, the fingerprint of the request (which
 * a retry must match) and the warnings its answer carries, as JSON text (null for none), computed before the
 * statement so that the statement can store them. A write without a key has none (null), and so does every dry
 * run: only a write that changes something may leave a record.
 */
public record KeyedWrite(String key, byte[] fingerprint, String warnings) {

  /** The key the request sent, or null when it sent none; 400 when the header is malformed. */
  public static String keyOf(RoutingContext ctx) {
    return ctx.request().headers().contains(IdempotencyKey.HEADER)
        ? IdempotencyKey.of(ctx.request().headers().getAll(IdempotencyKey.HEADER))
        : null;
  }

  /** null when key is null; warnings: those the answer will carry. */
  public static KeyedWrite of(String key, RoutingContext ctx, List<BodyProblem> warnings) {
    if (key == null) {
      return null;
    }
    return new KeyedWrite(key, Fingerprint.of(ctx.request().method(), ctx.request().path(), ctx.body().buffer()),
        StoredWarnings.text(warnings));
  }

  /** The fingerprint as a statement binds it (bytea). */
  public Buffer fingerprintBytes() {
    return Buffer.buffer(fingerprint);
  }
}
