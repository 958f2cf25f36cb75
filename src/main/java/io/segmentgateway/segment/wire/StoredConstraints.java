package io.segmentgateway.segment.wire;

import io.vertx.core.json.JsonArray;

/**
 * Writes the stored constraints, given as PostgreSQL's text form of the jsonb column, in the documented wire
 * form: compact, groups {type, constraints}, conditions {field, relation, value}, strings escaped as Jackson
 * escapes them. One pass over the text, no tree: jsonb's text differs from the wire only in its spaces, in the
 * order of a condition's members (shortest key first: field, value, relation) and in its escapes (\\u001f for
 * \\u001F; raw characters beyond the BMP, which Jackson writes as two \\uXXXX escapes).
 *
 * <p>Text of any other shape — which the service never stores: other members, a member missing, fractions,
 * nested values — takes the general way instead: decode, {@link SegmentJson#canonicalOrder}, encode.
 */
final class StoredConstraints {

  private StoredConstraints() {
  }

  static void write(String text, JsonBytes out) {
    int mark = out.size();
    if (!transcode(text, out)) {
      out.truncate(mark);
      out.bytes(SegmentJson.canonicalOrder(new JsonArray(text)).toBuffer());
    }
  }

  /** Writes the wire form and answers true; or answers false, having written a part, at the first surprise. */
  static boolean transcode(String text, JsonBytes out) {
    return new Reader(text, out).constraints();
  }

  /** A cursor over the text; every method answers false when the text is not of the stored shape. */
  private static final class Reader {

    private static final int FIELD = 0;
    private static final int RELATION = 1;
    private static final int VALUE = 2;

    private final String text;
    private final JsonBytes out;
    /** Where a condition's field, relation and value start and end in the text. */
    private final int[] starts = new int[3];
    private final int[] ends = new int[3];
    private int pos;

    Reader(String text, JsonBytes out) {
      this.text = text;
      this.out = out;
    }

    boolean constraints() {
      if (!take('[')) {
        return false;
      }
      out.ascii('[');
      if (!elements(true)) {
        return false;
      }
      skipWhitespace();
      return pos == text.length();
    }

    /** The groups or the conditions of an array whose '[' was read and written, up to its ']' (written). */
    private boolean elements(boolean groups) {
      if (!take(']')) {
        do {
          if (!(groups ? group() : condition())) {
            return false;
          }
        } while (comma());
        if (!take(']')) {
          return false;
        }
      }
      out.ascii(']');
      return true;
    }

    private boolean group() {
      if (!take('{') || !key("type")) {
        return false;
      }
      skipWhitespace();
      int start = pos;
      if (!scalar()) {
        return false;
      }
      int end = pos;
      if (!take(',') || !key("constraints") || !take('[')) {
        return false;
      }
      out.ascii("{\"type\":");
      copyScalar(start, end);
      out.ascii(",\"constraints\":[");
      if (!elements(false)) {
        return false;
      }
      out.ascii('}');
      return take('}');
    }

    /** The members in any order (jsonb's is field, value, relation), each exactly once. */
    private boolean condition() {
      if (!take('{')) {
        return false;
      }
      starts[FIELD] = -1;
      starts[RELATION] = -1;
      starts[VALUE] = -1;
      for (int m = 0; m < 3; m++) {
        if (m > 0 && !take(',')) {
          return false;
        }
        int member = key("field") ? FIELD : key("relation") ? RELATION : key("value") ? VALUE : -1;
        if (member < 0 || starts[member] >= 0) {
          return false;
        }
        skipWhitespace();
        starts[member] = pos;
        if (!scalar()) {
          return false;
        }
        ends[member] = pos;
      }
      if (!take('}')) {
        return false;
      }
      out.ascii("{\"field\":");
      copyScalar(starts[FIELD], ends[FIELD]);
      out.ascii(",\"relation\":");
      copyScalar(starts[RELATION], ends[RELATION]);
      out.ascii(",\"value\":");
      copyScalar(starts[VALUE], ends[VALUE]);
      out.ascii('}');
      return true;
    }

    /** A comma between elements (written), or false at the end of the array. */
    private boolean comma() {
      if (take(',')) {
        out.ascii(',');
        return true;
      }
      return false;
    }

    /** "name" and its colon, with no escapes in it; consumed only when it matches. */
    private boolean key(String name) {
      skipWhitespace();
      int end = pos + name.length() + 1;
      if (end < text.length() && text.charAt(pos) == '"' && text.charAt(end) == '"'
          && text.startsWith(name, pos + 1)) {
        pos = end + 1;
        return take(':');
      }
      return false;
    }

    /** Steps over the scalar at pos (see JsonbScalar), leaving pos after it. */
    private boolean scalar() {
      int end = JsonbScalar.end(text, pos);
      if (end < 0) {
        return false;
      }
      pos = end;
      return true;
    }

    private void copyScalar(int start, int end) {
      JsonbScalar.copy(text, start, end, out);
    }

    private boolean take(char c) {
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }
  }
}
