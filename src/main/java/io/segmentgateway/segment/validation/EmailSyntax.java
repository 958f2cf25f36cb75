package io.segmentgateway.segment.validation;

/**
 * The e-mail address check: a dot-atom local part (RFC 5322, no quoted strings or comments) of at most 64
 * characters, '@', and a domain name of at least two labels (no IP literals), at most 254 characters in
 * all. Letters and digits beyond ASCII are accepted in both parts (RFC 6531 internationalised addresses);
 * a top-level label is not all digits.
 */
final class EmailSyntax {

  private static final int MAX_TOTAL = 254;
  private static final int MAX_LOCAL = 64;
  private static final int MAX_LABEL = 63;
  private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

  private EmailSyntax() {
  }

  static boolean valid(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at > MAX_LOCAL || address.length() > MAX_TOTAL) {
      return false;
    }
    return localPart(address, 0, at) && domain(address, at + 1, address.length());
  }

  private static boolean localPart(String s, int from, int to) {
    boolean previousDot = true;
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      if (cp == '.') {
        if (previousDot) {
          return false;
        }
        previousDot = true;
      } else if (atext(cp)) {
        previousDot = false;
      } else {
        return false;
      }
      i += Character.charCount(cp);
    }
    return !previousDot;
  }

  private static boolean domain(String s, int from, int to) {
    int labels = 0;
    int labelStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        if (!label(s, labelStart, i)) {
          return false;
        }
        labels++;
        labelStart = i + 1;
      }
    }
    return labels >= 2 && !allDigits(s, s.lastIndexOf('.') + 1, to);
  }

  private static boolean label(String s, int from, int to) {
    if (from == to || to - from > MAX_LABEL || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; ) {
      int cp = s.codePointAt(i);
      if (cp != '-' && !letterOrDigit(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private static boolean atext(int cp) {
    return letterOrDigit(cp) || (cp < 128 && ATEXT_SYMBOLS.indexOf(cp) >= 0);
  }

  private static boolean letterOrDigit(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
      || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
