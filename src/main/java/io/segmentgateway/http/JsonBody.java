package io.segmentgateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The first two checks on a request body: it is application/json (415 otherwise), and it is one strict JSON
 * value (400 malformed-json otherwise, with line and column). Returns what Json.decodeValue would return.
 */
public final class JsonBody {

  private static final String AFTER_VALUE = "unexpected content after the JSON value";

  /** Jackson's kinds of syntax error, by the start of its message, and how we say them. */
  private static final String[][] REASONS = {
      {"Unexpected close marker", "a closing bracket or brace that does not match the open one"},
      {"Unrecognized token", "expected a string, a number, an object, an array, true, false or null"},
      {"Non-standard token", "expected a string, a number, an object, an array, true, false or null"},
      {"Illegal unquoted character", "a control character in a string must be escaped"},
      {"Illegal character", "a control character between JSON values"},
      {"Invalid numeric value", "not a valid JSON number"},
      {"Unrecognized character escape", "not a valid escape sequence in a string"},
      {"Invalid UTF-8", "the body is not valid UTF-8"},
  };

  /**
   * Jackson's defaults, less the interning of member names: String.intern() on each new name made a 64 KiB body
   * of about 7,000 distinct unknown names cost 3.4 ms, parse and check together, and 1.3 ms without it
   * (ValidationBenchmark, worstInvalidMembers). The name table itself stays: without it Jackson reads bytes
   * through a Reader, which loses byte offsets and UTF-8 errors. Comments are refused and a member given twice
   * is an error.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonBody() {
  }

  public static Object decode(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!isJson(contentType)) {
      throw new ProblemException(Problem.unsupportedMediaType());
    }
    String charset = Utf8Only.charset(contentType);
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      throw new ProblemException(Problem.unsupportedMediaType(
          "the request body must be application/json in UTF-8, not charset " + charset));
    }
    Buffer body = ctx.body().buffer();
    if (body == null || blank(body)) {
      throw new ProblemException(Problem.malformedJson("the request body is empty; send a JSON object"));
    }
    String notUtf8 = Utf8Only.otherEncoding(body);
    if (notUtf8 != null) {
      throw new ProblemException(Problem.malformedJson(notUtf8));
    }
    return parse(body);
  }

  /** Nothing but JSON whitespace (or nothing). */
  private static boolean blank(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** application/json with or without parameters (charset=utf-8), in any letter case. */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().equalsIgnoreCase("application/json");
  }

  /**
   * Strict JSON (RFC 8259): unlike Json.decodeValue, comments are not accepted, and a key given twice is an
   * error rather than silently "last one wins".
   */
  public static Object parse(Buffer body) {
    JsonParser parser;
    try {
      parser = FACTORY.createParser(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      throw new ProblemException(Problem.malformedJson(describe(e, parser, body)));
    }
  }

  /** Our own sentences, after line and column: Jackson's messages name its classes and settings. */
  private static String describe(DecodeException e, JsonParser parser, Buffer body) {
    if (!(e.getCause() instanceof JsonProcessingException)) {
      // Vert.x's own check after Jackson: another value follows the first.
      return at(parser.currentTokenLocation()) + AFTER_VALUE;
    }
    JsonProcessingException cause = (JsonProcessingException) e.getCause();
    JsonLocation location = cause.getLocation() != null ? cause.getLocation() : parser.currentLocation();
    return at(location) + reason(cause, parser, location, body);
  }

  private static String reason(JsonProcessingException cause, JsonParser parser, JsonLocation location, Buffer body) {
    JsonStreamContext context = parser.getParsingContext();
    if (cause instanceof JsonEOFException) {
      return "the body ends before the JSON value is complete";
    }
    if (cause instanceof StreamConstraintsException) {
      StreamReadConstraints limits = parser.streamReadConstraints();
      if (context.getNestingDepth() >= limits.getMaxNestingDepth()) {
        return "arrays and objects nest more than " + limits.getMaxNestingDepth() + " levels deep";
      }
      return "a number longer than " + limits.getMaxNumberLength() + " characters or a key longer than "
          + limits.getMaxNameLength() + " characters";
    }
    if (context.inRoot() && parser.currentToken() != null) {
      return AFTER_VALUE;
    }
    String message = String.valueOf(cause.getOriginalMessage());
    if (message.startsWith("Duplicate field")) {
      return "the key " + quote(context.getCurrentName()) + " appears twice in one object";
    }
    if (message.startsWith("Unexpected character")) {
      return "unexpected character" + character(body, location.getByteOffset());
    }
    for (String[] reason : REASONS) {
      if (message.startsWith(reason[0])) {
        return reason[1];
      }
    }
    return "not valid JSON";
  }

  /** The offending character when it is a visible ASCII one (the offset points at it for this kind of error). */
  private static String character(Buffer body, long offset) {
    if (offset < 0 || offset >= body.length()) {
      return "";
    }
    byte b = body.getByte((int) offset);
    return b >= 0x21 && b <= 0x7E ? " '" + (char) b + "'" : "";
  }

  private static String quote(String key) {
    if (key == null) {
      return "";
    }
    return "'" + (key.length() > 64 ? key.substring(0, 64) + "..." : key) + "'";
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "malformed JSON: ";
    }
    return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
