package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks one answer against one response of the document: its headers (declared ones valid, required ones there,
 * no others), its Content-Type and its body's schema. Synchronous, with the contract's own schema repository
 * (vertx-openapi's ResponseValidator does the same on a worker thread, and stops at its first finding).
 */
final class ResponseCheck {

  /** Headers of HTTP itself, which no operation describes; Content-Type is checked against the content. */
  private static final Set<String> TRANSPORT = Set.of("content-type", "content-length", "transfer-encoding",
      "connection", "keep-alive", "date");
  private static final SimpleTransformer TRANSFORMER = new SimpleTransformer();

  private final SchemaRepository schemas;

  ResponseCheck(SchemaRepository schemas) {
    this.schemas = schemas;
  }

  /** Returns what the answer breaks, one line each (empty when it is as described). head: a HEAD answer. */
  Set<String> findings(Response response, MultiMap headers, Buffer body, boolean head) {
    Set<String> found = new TreeSet<>();
    Set<String> declared = response.getHeaders().stream()
        .map(p -> p.getName().toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!declared.contains(lower) && !TRANSPORT.contains(lower)) {
        found.add("header " + name + " is not described");
      }
    }
    for (Parameter header : response.getHeaders()) {
      String value = headers.contains(header.getName()) ? String.join(", ", headers.getAll(header.getName())) : null;
      String finding = headerFinding(header, value);
      if (finding != null) {
        found.add(finding);
      }
    }
    boolean hasBody = body != null && body.length() > 0;
    if (response.getContent().isEmpty() || head) {
      if (hasBody) {
        found.add((head ? "a HEAD answer" : "a response without content") + " has a body: " + excerpt(body));
      }
      return found;
    }
    if (!hasBody && "return=minimal".equals(headers.get("Preference-Applied"))) {
      // Prefer: return=minimal (RFC 7240) leaves out the body a status otherwise has, as the response says.
      return found;
    }
    String contentType = headers.get("Content-Type");
    String bare = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    MediaType media = bare == null ? null : response.getContent().get(ContractDocument.vendor(bare));
    if (media == null) {
      found.add("Content-Type " + contentType + " is not among " + response.getContent().keySet());
    } else if (!hasBody) {
      found.add("no body, where the document describes " + bare);
    } else {
      String finding = bodyFinding(media, bare, body);
      if (finding != null) {
        found.add(finding);
      }
    }
    return found;
  }

  /** Null when the header is as declared (a header with "required": true must be there). */
  String headerFinding(Parameter header, String value) {
    if (value == null) {
      return header.isRequired() ? "required header " + header.getName() + " is missing" : null;
    }
    Object typed;
    try {
      // The transformer reads values as JSON: a string header is taken as it is (W/"1", Bearer error="x").
      typed = header.getSchemaType() == SchemaType.STRING ? value : TRANSFORMER.transform(header, value);
    } catch (DecodeException e) {
      return "header " + header.getName() + ": " + value + " is not a " + header.getSchemaType();
    }
    String errors = errors(header.getSchema(), typed);
    return errors == null ? null : "header " + header.getName() + ": " + value + ": " + errors;
  }

  private String bodyFinding(MediaType media, String bare, Buffer body) {
    Object value;
    if (bare.equals("application/json") || bare.endsWith("+json")) {
      try {
        value = Json.decodeValue(body);
      } catch (DecodeException e) {
        return "the body is not JSON: " + excerpt(body);
      }
    } else {
      value = body.toString();
    }
    if (media.getSchema() == null) {
      return null;
    }
    String errors = errors(media.getSchema(), value);
    return errors == null ? null : "body: " + errors + "\n  " + excerpt(body);
  }

  /** Every error of the schema's Basic output, with its place in the instance; null when valid. */
  private String errors(JsonSchema schema, Object value) {
    OutputUnit result = schemas.validator(schema)
        .validate(value);
    if (Boolean.TRUE.equals(result.getValid())) {
      return null;
    }
    if (result.getErrors() == null || result.getErrors().isEmpty()) {
      return result.getError();
    }
    return result.getErrors().stream()
        .map(e -> e.getInstanceLocation() + " " + e.getError())
        .distinct()
        .collect(Collectors.joining("; "));
  }

  private static String excerpt(Buffer body) {
    String text = body.toString();
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }
}
