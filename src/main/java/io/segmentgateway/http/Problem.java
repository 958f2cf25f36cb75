package io.segmentgateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem: what the client gets, as application/problem+json, with the headers that belong to it
 * (Allow, Retry-After, WWW-Authenticate). Types are relative URI references, one per kind of failure.
 */
public record Problem(
    String type, String title, int status, String detail, JsonArray errors, Map<String, String> headers) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** Seconds a client should wait before retrying when the database is unreachable or overloaded. */
  public static final String RETRY_AFTER_SECONDS = "2";

  /** RFC 6750 §3: the bare challenge when no Bearer credentials came, error="invalid_token" when they failed. */
  private static final String CHALLENGE = "Bearer";
  private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

  public Problem {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  private static Problem of(String type, String title, int status, String detail) {
    return new Problem(type, title, status, detail, null, null);
  }

  public static Problem validation(List<BodyProblem> problems) {
    JsonArray errors = new JsonArray();
    for (BodyProblem p : problems) {
      errors.add(new JsonObject()
          .put("pointer", p.pointer())
          .put("message", p.message()));
    }
    String detail = count(problems.size()) + " in the request body";
    return new Problem("validation", "Request body is invalid", 400, detail, errors, null);
  }

  /** Several parts of one request refused (query, headers, body): their errors, each as its part wrote it. */
  public static Problem invalidRequest(List<Problem> parts) {
    JsonArray errors = new JsonArray();
    for (Problem part : parts) {
      errors.addAll(part.errors());
    }
    return new Problem("validation", "Request is invalid", 400, count(errors.size()) + " in the request", errors,
        null);
  }

  /** errors: [{parameter, message}], one per query parameter that is wrong. */
  public static Problem invalidParameters(JsonArray errors) {
    String detail = count(errors.size()) + " in the query parameters";
    return new Problem("validation", "Request parameters are invalid", 400, detail, errors, null);
  }

  /** A request header whose value cannot be read; errors: [{header, message}]. */
  public static Problem invalidHeader(String header, String message) {
    JsonArray errors = new JsonArray().add(new JsonObject()
        .put("header", header)
        .put("message", message));
    return new Problem("validation", "Request headers are invalid", 400, header + " " + message, errors, null);
  }

  public static Problem malformedJson(String message) {
    JsonObject error = new JsonObject()
        .put("pointer", "")
        .put("message", message);
    JsonArray errors = new JsonArray().add(error);
    return new Problem("malformed-json", "Request body is not valid JSON", 400, message, errors, null);
  }

  /** invalidToken distinguishes a key that was sent but not accepted from no key at all (RFC 6750). */
  public static Problem unauthorized(String detail, boolean invalidToken) {
    String challenge = invalidToken ? INVALID_TOKEN_CHALLENGE : CHALLENGE;
    return new Problem("unauthorized", "Missing or invalid API key", 401, detail, null,
        Map.of("WWW-Authenticate", challenge));
  }

  public static Problem notFound(String detail) {
    return of("not-found", "Not found", 404, detail);
  }

  public static Problem methodNotAllowed(String allow) {
    return new Problem("method-not-allowed", "Method not allowed", 405, "this resource allows " + allow, null,
        Map.of("Allow", allow));
  }

  public static Problem conflict(String detail) {
    return of("conflict", "Conflict", 409, detail);
  }

  public static Problem preconditionFailed(String detail) {
    return of("precondition-failed", "Precondition failed", 412, detail);
  }

  public static Problem payloadTooLarge() {
    return payloadTooLarge("64 KiB");
  }

  /** limit: how the endpoint's limit reads ("1 MiB"). */
  public static Problem payloadTooLarge(String limit) {
    return of("payload-too-large", "Payload too large", 413, "the request body is larger than " + limit);
  }

  public static Problem unsupportedMediaType() {
    return unsupportedMediaType("the request body must be application/json");
  }

  public static Problem unsupportedMediaType(String detail) {
    return of("unsupported-media-type", "Unsupported media type", 415, detail);
  }

  public static Problem unavailable(String detail) {
    return new Problem("unavailable", "Service unavailable", 503, detail, null,
        Map.of("Retry-After", RETRY_AFTER_SECONDS));
  }

  /** Over the API key's rate limit; RateLimit-Policy and RateLimit are set by the limiter itself. */
  public static Problem rateLimited(String detail, long retryAfterSeconds) {
    return new Problem("rate-limited", "Too many requests", 429, detail, null,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** A request whose bytes are not HTTP/1.1 as RFC 9112 frames it; the detail says what is wrong. */
  public static Problem unreadable(String detail) {
    return of("validation", "Request is invalid", 400, detail);
  }

  /** The request head or body did not arrive in time. */
  public static Problem requestTimeout(String detail) {
    return of("request-timeout", "Request timeout", 408, detail);
  }

  /** A request line naming another HTTP version than 1.1 or 1.0. */
  public static Problem versionNotSupported() {
    return of("http-version-not-supported", "HTTP version not supported", 505,
        "this server speaks HTTP/1.1 (and HTTP/1.0)");
  }

  /** Deliberately says nothing about the cause: the request id leads to it in the log. */
  public static Problem internal() {
    return of("internal", "Internal server error", 500,
        "an unexpected error occurred; quote the request id when reporting it");
  }

  /** A problem for a status that the router or a Vert.x handler chose on its own. */
  public static Problem forStatus(int status) {
    switch (status) {
      case 400:
        return of("validation", "Request is invalid", 400, "the request cannot be read");
      case 404:
        return notFound("no such resource");
      case 405:
        return of("method-not-allowed", "Method not allowed", 405, "this resource does not allow the method");
      case 413:
        return payloadTooLarge();
      case 414:
        return of("about:blank", "URI Too Long", 414, "the request line is longer than the server reads");
      case 415:
        return unsupportedMediaType();
      case 431:
        return of("about:blank", "Request Header Fields Too Large", 431,
            "the request headers are larger than the server reads");
      case 503:
        return unavailable("the service cannot handle the request now");
      default:
        if (status >= 500) {
          return internal();
        }
        return of("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, null);
    }
  }

  private static String count(int problems) {
    return problems == 1 ? "1 problem" : problems + " problems";
  }

  public JsonObject toJson(String requestId) {
    JsonObject json = new JsonObject()
        .put("type", type)
        .put("title", title)
        .put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    json.put("requestId", requestId);
    if (errors != null) {
      json.put("errors", errors);
    }
    return json;
  }
}
