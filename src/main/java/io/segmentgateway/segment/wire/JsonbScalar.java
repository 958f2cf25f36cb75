package io.segmentgateway.segment.wire;

/**
 * The scalars of jsonb's text form that can be copied to the wire as Jackson would write them: strings (their
 * escapes read and written again as Jackson writes them), integers, true, false and null.
 */
final class JsonbScalar {

  /** More digits than a long has: Jackson reads such numbers with limits of its own. */
  private static final int MAX_DIGITS = 19;
  private static final String[] LITERALS = {"true", "false", "null"};

  private JsonbScalar() {
  }

  /** Where the scalar that starts at start ends, or -1 when there is none that copy() can take. */
  static int end(String text, int start) {
    if (start >= text.length()) {
      return -1;
    }
    char c = text.charAt(start);
    if (c == '"') {
      return stringEnd(text, start);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return integerEnd(text, start);
    }
    for (String literal : LITERALS) {
      if (text.startsWith(literal, start)) {
        return start + literal.length();
      }
    }
    return -1;
  }

  /** Writes the scalar end() found between start and end. */
  static void copy(String text, int start, int end, JsonBytes out) {
    if (text.charAt(start) != '"') {
      out.ascii(text, start, end);
      return;
    }
    out.ascii('"');
    int last = end - 1;
    int run = start + 1;
    int i = run;
    while (i < last) {
      if (text.charAt(i) != '\\') {
        i++;
        continue;
      }
      out.chars(text, run, i);
      char escape = text.charAt(i + 1);
      run = i + 2;
      switch (escape) {
        case 'b' -> out.stringChar('\b');
        case 'f' -> out.stringChar('\f');
        case 'n' -> out.stringChar('\n');
        case 'r' -> out.stringChar('\r');
        case 't' -> out.stringChar('\t');
        case 'u' -> {
          out.stringChar((char) Integer.parseInt(text, run, run + 4, 16));
          run += 4;
        }
        default -> out.stringChar(escape);
      }
      i = run;
    }
    out.chars(text, run, last);
    out.ascii('"');
  }

  private static int stringEnd(String text, int start) {
    int n = text.length();
    int i = start + 1;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        char escape = i + 1 < n ? text.charAt(i + 1) : 0;
        if (escape == 'u') {
          if (i + 6 > n || !hex(text, i + 2, i + 6)) {
            return -1;
          }
          i += 4;
        } else if ("\"\\/bfnrt".indexOf(escape) < 0) {
          return -1;
        }
        i++;
      }
      i++;
    }
    return -1;
  }

  /**
   * An integer Jackson writes back as it stands: not -0 (that comes back as 0), no fraction or exponent (1.10
   * comes back as 1.1), no more digits than a long has.
   */
  private static int integerEnd(String text, int start) {
    int n = text.length();
    int first = text.charAt(start) == '-' ? start + 1 : start;
    int i = first;
    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    int digits = i - first;
    if (digits == 0 || digits > MAX_DIGITS || (text.charAt(first) == '0' && (digits > 1 || first > start))) {
      return -1;
    }
    if (i < n && (text.charAt(i) == '.' || text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      return -1;
    }
    return i;
  }

  private static boolean hex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
