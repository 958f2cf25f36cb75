package io.segmentgateway.http;

import java.util.List;
import java.util.Map;

/**
 * Reads the Idempotency-Key request header (draft-ietf-httpapi-idempotency-key-header-07): an RFC 8941 String, so
 * the key travels in double quotes ("8e03978e-40d5-43e8-bc93-6894a57f9324"), with \" and \\ as the only escapes.
 * Unquoted, a key is 1 to 255 visible ASCII characters (0x21-0x7E). Anything else, a bare value, a second header
 * line, parameters, a space or a control character, is a 400 naming the header: a key that is not the one the
 * client meant must never match another request.
 */
public final class IdempotencyKey {

  public static final String HEADER = "Idempotency-Key";
  /** Set to "true" on an answer given back from a key's record (Stripe's name; no standard one exists). */
  public static final String REPLAYED = "Idempotent-Replayed";
  public static final int MAX_LENGTH = 255;

  private static final String RULE = "must be a quoted string of 1 to " + MAX_LENGTH
      + " visible ASCII characters, such as \"8e03978e-40d5-43e8-bc93-6894a57f9324\" (the quotes are part of it)";

  private IdempotencyKey() {
  }

  /**
   * @param headers every Idempotency-Key header of the request
   * @return the key without its quotes and escapes, or null when the request has none
   * @throws ProblemException 400 when the value is not one such string
   */
  public static String of(List<String> headers) {
    if (headers.isEmpty()) {
      return null;
    }
    String key = headers.size() == 1 ? unquote(headers.get(0)) : null;
    if (key == null) {
      throw new ProblemException(Problem.invalidHeader(HEADER, headers.size() == 1 ? RULE
          : "must be sent once, not " + headers.size() + " times"), Refusal.PARAMETER);
    }
    return key;
  }

  /**
   * 409: a request with this key is still running on this instance. Nothing was stored for this one: the same
   * request sent again once the first is answered gets that answer.
   */
  public static Problem inUse() {
    return new Problem("idempotency-key-in-use", "A request with this Idempotency-Key is in progress", 409,
        "a request with the same Idempotency-Key has not been answered yet; send this one again after it",
        null, Map.of("Retry-After", "1"));
  }

  /** 422: the key's record holds another request (method, path or body): a new request needs a new key. */
  public static Problem reused() {
    return new Problem("idempotency-key-reused", "Idempotency-Key is already used", 422,
        "this Idempotency-Key was already used for a different request (method, path or body); a new"
            + " request needs a new key", null, null);
  }

  /** The key an sf-string (with optional spaces around it) holds, or null when it is not a valid key. */
  static String unquote(String value) {
    int end = value.length();
    int start = 0;
    while (start < end && value.charAt(start) == ' ') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == ' ') {
      end--;
    }
    if (end - start < 2 || value.charAt(start) != '"' || value.charAt(end - 1) != '"') {
      return null;
    }
    StringBuilder key = new StringBuilder(end - start - 2);
    for (int i = start + 1; i < end - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
        if (i == end - 1) {
          return null;
        }
        c = value.charAt(i);
        if (c != '"' && c != '\\') {
          return null;
        }
      } else if (c == '"' || c < 0x21 || c > 0x7E) {
        // An unescaped quote ends an sf-string: what follows it (a second string, parameters) is not a key.
        return null;
      }
      key.append(c);
    }
    return key.length() >= 1 && key.length() <= MAX_LENGTH ? key.toString() : null;
  }
}
