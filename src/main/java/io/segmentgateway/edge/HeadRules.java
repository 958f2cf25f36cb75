package io.segmentgateway.edge;

import io.segmentgateway.http.Problem;
import java.nio.charset.StandardCharsets;

/**
 * RFC 9112's rules for one request head, line by line, and the framing it gives its body. What Netty's decoder lets
 * through and this refuses: a version other than HTTP/1.1 and 1.0 (505), a request target with a byte outside the
 * URI characters, whitespace before a header's colon, obsolete line folding, control characters in a value, two
 * Host lines, two Content-Lengths, Content-Length with Transfer-Encoding, and a transfer coding other than chunked.
 * Each check returns null or the problem.
 */
final class HeadRules {

  private static final boolean[] TCHAR = new boolean[128];
  private static final boolean[] TARGET = new boolean[128];
  private static final String[] METHODS = {"GET", "PATCH", "POST", "HEAD", "DELETE", "OPTIONS", "PUT"};

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[Character.toUpperCase(c)] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
    // RFC 3986: unreserved, sub-delims, ":", "@", "/", "?" and "%" (checked for its two hex digits).
    for (int c = 0x21; c < 0x7F; c++) {
      TARGET[c] = "\"<>\\^`{|}#".indexOf(c) < 0;
    }
  }

  private String method;
  private boolean http10;
  private int hosts;
  private int contentLengths;
  private long contentLength;
  private int codings;
  private boolean chunkedLast;
  private String requestId;

  void reset() {
    method = null;
    http10 = false;
    hosts = 0;
    contentLengths = 0;
    contentLength = 0;
    codings = 0;
    chunkedLast = false;
    requestId = null;
  }

  /** null while the request line has not been read (or could not be). */
  String method() {
    return method;
  }

  /** The X-Request-Id the client sent, or null. */
  String requestId() {
    return requestId;
  }

  boolean chunked() {
    return chunkedLast;
  }

  long contentLength() {
    return contentLength;
  }

  /** method SP request-target SP HTTP-version, each separator exactly one space. */
  Problem requestLine(byte[] line, int length) {
    int first = indexOf(line, 0, length, (byte) ' ');
    int second = first < 0 ? -1 : indexOf(line, first + 1, length, (byte) ' ');
    if (first <= 0 || second < 0 || second == first + 1 || indexOf(line, second + 1, length, (byte) ' ') >= 0) {
      return Problem.unreadable("the request line is not a method, a target and a version, each after one space");
    }
    for (int i = 0; i < first; i++) {
      if (!tchar(line[i])) {
        return Problem.unreadable("the method holds a character that a method cannot");
      }
    }
    method = method(line, first);
    Problem version = version(line, second + 1, length);
    if (version != null) {
      return version;
    }
    for (int i = first + 1; i < second; i++) {
      int c = line[i] & 0xFF;
      if (c >= 0x80 || !TARGET[c]) {
        return Problem.unreadable("the request target holds a byte that a URI cannot (a space, a control character,"
            + " a non-ASCII byte or one of \" < > \\ ^ ` { | } #)");
      }
      if (c == '%' && (i + 2 >= second || Character.digit(line[i + 1], 16) < 0
          || Character.digit(line[i + 2], 16) < 0)) {
        return Problem.unreadable("a % in the request target is not followed by two hex digits");
      }
    }
    return null;
  }

  /** HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive; 1.1 and 1.0 are served, other versions are a 505. */
  private Problem version(byte[] line, int from, int length) {
    boolean wellFormed = length - from == 8 && line[from] == 'H' && line[from + 1] == 'T' && line[from + 2] == 'T'
        && line[from + 3] == 'P' && line[from + 4] == '/' && digit(line[from + 5]) && line[from + 6] == '.'
        && digit(line[from + 7]);
    if (!wellFormed) {
      return Problem.unreadable("the request line does not end with an HTTP version such as HTTP/1.1");
    }
    if (line[from + 5] != '1' || (line[from + 7] != '1' && line[from + 7] != '0')) {
      return Problem.versionNotSupported();
    }
    http10 = line[from + 7] == '0';
    return null;
  }

  /** field-name ":" OWS field-value OWS, with the few fields that frame the message or name it remembered. */
  Problem headerLine(byte[] line, int length) {
    Problem syntax = fieldSyntax(line, length);
    if (syntax != null) {
      return syntax;
    }
    int colon = indexOf(line, 0, length, (byte) ':');
    if (named(line, colon, "host")) {
      hosts++;
    } else if (named(line, colon, "content-length")) {
      contentLengths++;
      contentLength = length(line, colon + 1, length);
      if (contentLength < 0) {
        return Problem.unreadable("Content-Length is not a number of bytes");
      }
    } else if (named(line, colon, "transfer-encoding")) {
      codings(line, colon + 1, length);
    } else if (named(line, colon, "x-request-id")) {
      requestId = value(line, colon + 1, length);
    }
    return null;
  }

  /** Trailer fields are read for their syntax only: none of them changes the framing. */
  Problem trailerLine(byte[] line, int length) {
    return fieldSyntax(line, length);
  }

  /** Once the head is complete: the one way the body is framed (RFC 9112 §6.1-6.3), and one Host (§3.2). */
  Problem framing() {
    if (hosts > 1) {
      return Problem.unreadable("more than one Host header");
    }
    if (contentLengths > 1) {
      return Problem.unreadable("more than one Content-Length header");
    }
    if (codings > 0) {
      if (contentLengths > 0) {
        return Problem.unreadable("both Content-Length and Transfer-Encoding: the body's length is ambiguous");
      }
      if (http10) {
        return Problem.unreadable("Transfer-Encoding in an HTTP/1.0 request");
      }
      if (codings != 1 || !chunkedLast) {
        return Problem.unreadable("a Transfer-Encoding other than chunked: the only coding this server reads");
      }
    }
    return null;
  }

  private static Problem fieldSyntax(byte[] line, int length) {
    if (line[0] == ' ' || line[0] == '\t') {
      return Problem.unreadable("a header line starts with whitespace (obsolete line folding)");
    }
    int colon = indexOf(line, 0, length, (byte) ':');
    if (colon <= 0) {
      return Problem.unreadable("a header line without a name and a colon");
    }
    for (int i = 0; i < colon; i++) {
      if (!tchar(line[i])) {
        return Problem.unreadable("a header name holds a character that a name cannot (whitespace before the colon?)");
      }
    }
    for (int i = colon + 1; i < length; i++) {
      int c = line[i] & 0xFF;
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return Problem.unreadable("a header value holds a control character");
      }
    }
    return null;
  }

  /** A list of codings; chunkedLast tells whether the final one is chunked. */
  private void codings(byte[] line, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || line[i] == ',') {
        String coding = trimmed(line, start, i);
        if (!coding.isEmpty()) {
          codings++;
          chunkedLast = coding.equalsIgnoreCase("chunked");
        }
        start = i + 1;
      }
    }
  }

  /** 1 to 18 digits, else -1. */
  private static long length(byte[] line, int from, int to) {
    String text = trimmed(line, from, to);
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String value(byte[] line, int from, int to) {
    return trimmed(line, from, to);
  }

  private static String trimmed(byte[] line, int from, int to) {
    while (from < to && (line[from] == ' ' || line[from] == '\t')) {
      from++;
    }
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
      to--;
    }
    return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The name before the colon equals lowerName, in any letter case. */
  private static boolean named(byte[] line, int colon, String lowerName) {
    if (colon != lowerName.length()) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      int c = line[i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] line, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The usual methods without a new string per request; others (clients may invent any token) as new text. */
  private static String method(byte[] line, int length) {
    for (String known : METHODS) {
      if (known.length() == length && same(line, known)) {
        return known;
      }
    }
    return new String(line, 0, length, StandardCharsets.US_ASCII);
  }

  private static boolean same(byte[] line, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (line[i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean tchar(byte b) {
    return b >= 0 && TCHAR[b];
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }
}
