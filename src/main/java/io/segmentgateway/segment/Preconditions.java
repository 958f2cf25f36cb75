package io.segmentgateway.segment;

import io.segmentgateway.http.IfMatch;
import io.segmentgateway.http.IfNoneMatch;
import io.vertx.core.Future;

/**
 * The conditional headers of a request on one segment, If-Match then If-None-Match (RFC 9110 §13.2.2; the service
 * sends no Last-Modified, so the date conditions are ignored, as §13.1.3 and §13.1.4 require). A missing segment is
 * a 404 before any condition is evaluated (§13.2.1).
 *
 * <p>A write with If-Match alone is conditional in its own statement (versions). With If-None-Match, the segment's
 * version is read first and the condition evaluated on it; the write is then pinned to that version, so that a
 * change in between answers 412 rather than applying to a version the condition never saw.
 */
final class Preconditions {

  private Preconditions() {
  }

  /**
   * The versions a write of the segment may apply to (null: any), or a failure: 404 without the segment, 412 when a
   * condition fails. versions: If-Match's (IfMatch.versions); none: If-None-Match (null without one).
   */
  static Future<Long[]> ofWrite(Long[] versions, IfNoneMatch none, SegmentRepository repository, SegmentKey key) {
    if (none == null) {
      return Future.succeededFuture(versions);
    }
    return repository.versionOf(key).compose(current -> {
      if (!IfMatch.allows(versions, current)) {
        return Future.failedFuture(IfMatch.failed(current));
      }
      if (none.matches(current)) {
        return Future.failedFuture(IfNoneMatch.failed(current));
      }
      return Future.succeededFuture(new Long[] {current});
    });
  }
}
