package io.segmentgateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads If-Match into the versions a change may apply to. Our entity tags are versions ("3"); W/"3" is taken
 * as version 3 too. A value that is not a list of entity tags matches no version, so the change gets 412.
 */
public final class IfMatch {

  /** One entity tag (weak or strong) and the comma or end after it. */
  private static final Pattern TAG = Pattern.compile("\\s*(?:W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*(,|$)");
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
  private static final Long[] NONE = new Long[0];

  private IfMatch() {
  }

  /**
   * @param headers every If-Match header of the request
   * @return null when any version will do (no header, or "*"), else the versions named (empty: none can match)
   */
  public static Long[] versions(List<String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    List<Long> versions = new ArrayList<>();
    for (String header : headers) {
      if (header.trim().equals("*")) {
        if (headers.size() == 1) {
          return null;
        }
        return NONE;
      }
      if (!collect(header, versions)) {
        return NONE;
      }
    }
    return versions.toArray(NONE);
  }

  private static boolean collect(String header, List<Long> versions) {
    if (header.isBlank()) {
      return false;
    }
    Matcher m = TAG.matcher(header);
    int position = 0;
    while (position < header.length()) {
      m.region(position, header.length());
      if (!m.lookingAt()) {
        return false;
      }
      String opaque = m.group(1);
      if (VERSION.matcher(opaque).matches()) {
        versions.add(Long.parseLong(opaque));
      }
      position = m.end();
      if (m.group(2).isEmpty()) {
        break;
      }
    }
    return position == header.length();
  }
}
