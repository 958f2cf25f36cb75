package io.segmentgateway.segment.validation;

/** How the service reads strings: characters are Unicode code points, trimming removes White_Space. */
final class Text {

  /**
   * The characters trimming removes from both ends of a name: Unicode's White_Space property (all in the
   * Basic Multilingual Plane, so that every regex engine reads the generated schema pattern alike).
   */
  static final String TRIMMED = "\t\n\u000B\f\r \u0085\u00A0\u1680"
    + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
    + "\u2028\u2029\u202F\u205F\u3000";
  private static final boolean[] TRIMMED_TABLE = trimmedTable();
  private static final int QUOTE_LIMIT = 64;

  private Text() {
  }

  /**
   * Length in characters as JSON Schema counts them (and PostgreSQL does): a surrogate pair is one
   * character, and so is an unpaired surrogate.
   */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  static boolean trimmed(char c) {
    return c < TRIMMED_TABLE.length && TRIMMED_TABLE[c];
  }

  /** The string without leading and trailing {@link #TRIMMED} characters. */
  static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && trimmed(s.charAt(start))) {
      start++;
    }
    while (end > start && trimmed(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /**
   * Why the database could not store the string as sent, or null: PostgreSQL text holds neither U+0000
   * nor an unpaired surrogate (the JSON escapes \\u0000 and a lone \\ud800 decode to those).
   */
  static String unstorable(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain the character U+0000";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
        }
      }
    }
    return null;
  }

  /**
   * The string without one final line terminator, or the string itself. java.util.regex lets '$' match
   * before a final line terminator, and vertx-json-schema runs patterns with it: "seg_a\n" passes
   * "^seg_[A-Za-z0-9]{1,64}$" there. The schema verdict follows that reading; a rule then rejects it.
   */
  static String withoutFinalLineTerminator(String s) {
    int n = s.length();
    if (n == 0) {
      return s;
    }
    char last = s.charAt(n - 1);
    if (last == '\n') {
      return n >= 2 && s.charAt(n - 2) == '\r' ? s.substring(0, n - 2) : s.substring(0, n - 1);
    }
    if (last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029') {
      return s.substring(0, n - 1);
    }
    return s;
  }

  /**
   * The value in single quotes for a message: shortened when long, and with control characters and line
   * separators written as escapes so that a message stays on one line.
   */
  static String quote(String s) {
    int cut = s.length();
    if (cut > QUOTE_LIMIT) {
      cut = Character.isHighSurrogate(s.charAt(QUOTE_LIMIT - 1)) ? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
    }
    StringBuilder out = new StringBuilder(cut + 24).append('\'');
    for (int i = 0; i < cut; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029) {
        out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('\'');
    if (cut < s.length()) {
      out.append("… (").append(length(s)).append(" characters)");
    }
    return out.toString();
  }

  private static boolean[] trimmedTable() {
    String chars = TRIMMED;
    int max = 0;
    for (int i = 0; i < chars.length(); i++) {
      max = Math.max(max, chars.charAt(i));
    }
    boolean[] table = new boolean[max + 1];
    for (int i = 0; i < chars.length(); i++) {
      table[chars.charAt(i)] = true;
    }
    return table;
  }
}
