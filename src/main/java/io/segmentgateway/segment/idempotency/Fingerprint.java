package io.segmentgateway.segment.idempotency;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What makes two requests with one Idempotency-Key the same request: the SHA-256 of the method, the path and the
 * body's bytes as they came. A retry that sends other bytes (even the same JSON, spaced otherwise) is another
 * request, a 422: the service cannot know that a client meant the same change by a different text.
 */
final class Fingerprint {

  private Fingerprint() {
  }

  /** body: null for a request without one (DELETE). 32 bytes. */
  static byte[] of(HttpMethod method, String path, Buffer body) {
    MessageDigest sha = sha256();
    sha.update(method.name().getBytes(StandardCharsets.US_ASCII));
    // A request line holds no space inside the method or the path, and no line feed: the parts cannot run together.
    sha.update((byte) ' ');
    sha.update(path.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    if (body != null) {
      sha.update(body.getBytes());
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
