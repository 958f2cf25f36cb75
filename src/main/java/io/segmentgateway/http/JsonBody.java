package io.segmentgateway.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RoutingContext;

/**
 * The first two checks on a request body: it is application/json (415 otherwise), and it is one strict JSON
 * value (400 malformed-json otherwise, with line and column). Returns what Json.decodeValue would return.
 */
public final class JsonBody {

  private JsonBody() {
  }

  public static Object decode(RoutingContext ctx) {
    if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      throw new ProblemException(Problem.unsupportedMediaType());
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.toString().isBlank()) {
      throw new ProblemException(Problem.malformedJson("the request body is empty; send a JSON object"));
    }
    return parse(body);
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
  static Object parse(Buffer body) {
    JsonParser parser = JacksonCodec.createParser(body);
    parser.disable(JsonParser.Feature.ALLOW_COMMENTS);
    parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try {
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      throw new ProblemException(Problem.malformedJson(describe(e, parser)));
    }
  }

  private static String describe(DecodeException e, JsonParser parser) {
    if (e.getCause() instanceof JsonProcessingException) {
      JsonProcessingException cause = (JsonProcessingException) e.getCause();
      return at(cause.getLocation()) + cause.getOriginalMessage();
    }
    // Vert.x's own checks after Jackson: something follows the first JSON value.
    return at(parser.currentTokenLocation()) + "unexpected content after the JSON value";
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "malformed JSON: ";
    }
    return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
