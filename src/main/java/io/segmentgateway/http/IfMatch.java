package io.segmentgateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads If-Match (RFC 9110 §13.1.1) into the versions a change may apply to. Our entity tags are versions ("3"),
 * and If-Match compares strongly: a weak tag (W/"3") never matches, nor does a tag that only reads as the same
 * number ("03"). A well-formed list that names no current version gets 412; a value that is not "*" or a list of
 * entity tags is a 400.
 */
public final class IfMatch {

  /**
   * One list element and the comma or end after it: an entity tag (group 1 "W/" when weak, group 2 the opaque
   * part: etagc, any visible character but the double quote, or obs-text) or nothing, for an empty element.
   */
  private static final Pattern ELEMENT =
      Pattern.compile("[ \\t]*(?:(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\")?[ \\t]*(?:,|\\z)");
  /** A version exactly as we write it: no leading zeros, no sign; eighteen digits are more than enough. */
  private static final Pattern VERSION = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final Long[] NONE = new Long[0];

  private IfMatch() {
  }

  /**
   * @param headers every If-Match header of the request (several are one comma-separated list)
   * @return null when any version will do (no header, or "*"), else the versions named (empty: none can match)
   * @throws ProblemException 400 when the value is not "*" or a list of entity tags
   */
  public static Long[] versions(List<String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    if (anyVersion(headers)) {
      return null;
    }
    return tags(headers, false, "If-Match");
  }

  /** The value "*", alone: any current version (If-Match and If-None-Match alike). */
  static boolean anyVersion(List<String> headers) {
    return headers.size() == 1 && headers.get(0).trim().equals("*");
  }

  /** versions(every If-Match header of the request), without reading a list when there is none (most requests). */
  public static Long[] versions(MultiMap headers) {
    return headers.contains(HttpHeaders.IF_MATCH) ? versions(headers.getAll(HttpHeaders.IF_MATCH)) : null;
  }

  /** 412: If-Match names no current version of the segment, which is current. */
  public static ProblemException failed(long current) {
    return new ProblemException(Problem.preconditionFailed(
        "If-Match does not match the segment's current version, which is \"" + current + "\""));
  }

  /** true when versions (as versions returns them) names version, or is null (any version). */
  public static boolean allows(Long[] versions, long version) {
    if (versions == null) {
      return true;
    }
    for (Long v : versions) {
      if (v == version) {
        return true;
      }
    }
    return false;
  }

  /**
   * The versions a list of entity tags names, weak ones too when weak (If-None-Match compares weakly).
   *
   * @throws ProblemException 400 naming header when a value is not such a list
   */
  static Long[] tags(List<String> headers, boolean weak, String header) {
    List<Long> versions = new ArrayList<>();
    for (String value : headers) {
      if (!collect(value, weak, versions)) {
        throw new ProblemException(Problem.invalidHeader(header,
            "must be \"*\" or a list of entity tags such as \"3\""), Refusal.PARAMETER);
      }
    }
    return versions.toArray(NONE);
  }

  /**
   * One field value: entity tags separated by commas, with optional whitespace and empty elements (RFC 9110
   * §5.6.1). Adds the versions its strong tags (and its weak ones, when weak) name; false when the value is not
   * such a list.
   */
  private static boolean collect(String header, boolean weak, List<Long> versions) {
    Matcher m = ELEMENT.matcher(header);
    int position = 0;
    while (position < header.length()) {
      m.region(position, header.length());
      if (!m.lookingAt()) {
        return false;
      }
      String opaque = m.group(2);
      if (opaque != null && (weak || m.group(1) == null) && VERSION.matcher(opaque).matches()) {
        versions.add(Long.parseLong(opaque));
      }
      position = m.end();
    }
    return true;
  }
}
