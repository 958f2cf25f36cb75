package io.segmentgateway.http;

import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Reads If-None-Match (RFC 9110 §13.1.2): "*" (any current version) or a list of entity tags, compared weakly (W/"3"
 * names version 3). A segment whose version it names fails the condition: a GET or HEAD then answers 304, a write
 * 412. A value that is not "*" or a list of entity tags is a 400.
 *
 * @param any "*": every current version matches
 * @param versions the versions named (empty for "*")
 */
public record IfNoneMatch(boolean any, Long[] versions) {

  public static final String HEADER = "If-None-Match";

  /** of(every If-None-Match header of the request), without reading a list when there is none (most requests). */
  public static IfNoneMatch of(MultiMap headers) {
    return headers.contains(HEADER) ? of(headers.getAll(HEADER)) : null;
  }

  /** null when the request sent no If-None-Match. */
  public static IfNoneMatch of(List<String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    if (IfMatch.anyVersion(headers)) {
      return new IfNoneMatch(true, new Long[0]);
    }
    return new IfNoneMatch(false, IfMatch.tags(headers, true, HEADER));
  }

  /** 412: If-None-Match names the segment's current version. */
  public static ProblemException failed(long current) {
    return new ProblemException(Problem.preconditionFailed(
        "If-None-Match names the segment's current version, which is \"" + current + "\""));
  }

  /** true when the segment at version fails the condition. */
  public boolean matches(long version) {
    return any || IfMatch.allows(versions, version);
  }
}
