package io.segmentgateway.segment.validation;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Whether an answer is a well-formed problem whose pointers name places in the document that was sent: the value
 * itself, or, for a missing member, the place it would have in an object that is there.
 */
final class ProblemPointers {

  private ProblemPointers() {
  }

  /** null when the answer is such a problem, else what is wrong with it. */
  static String check(HttpResponse<Buffer> response, byte[] sent) {
    if (!"application/problem+json".equals(response.getHeader("Content-Type"))) {
      return response.statusCode() + " that is not a problem: " + response.bodyAsString();
    }
    JsonObject problem = response.bodyAsJsonObject();
    if (problem.getInteger("status") != response.statusCode() || problem.getString("requestId") == null
        || !problem.getString("requestId").equals(response.getHeader("X-Request-Id"))) {
      return "a problem without its status or request id: " + problem;
    }
    JsonArray errors = problem.getJsonArray("errors");
    if (errors == null || !"validation".equals(problem.getString("type"))) {
      return null;
    }
    Object document;
    try {
      document = Json.decodeValue(Buffer.buffer(sent));
    } catch (DecodeException e) {
      return "a validation problem for a body that is not JSON: " + problem;
    }
    for (int i = 0; i < errors.size(); i++) {
      String pointer = errors.getJsonObject(i).getString("pointer");
      if (pointer == null) {
        continue;
      }
      if (!resolves(document, pointer)) {
        return "pointer " + pointer + " resolves nowhere in the body: " + problem;
      }
    }
    return null;
  }

  private static boolean resolves(Object document, String pointer) {
    if (pointer.isEmpty() || JsonPointer.from(pointer).queryJson(document) != null) {
      return true;
    }
    int slash = pointer.lastIndexOf('/');
    if (slash < 0) {
      return false;
    }
    // A null value, or a missing member: its object or array is there.
    Object parent = JsonPointer.from(pointer.substring(0, slash)).queryJson(document);
    if (parent instanceof JsonArray) {
      String index = pointer.substring(slash + 1);
      return index.matches("[0-9]+") && Integer.parseInt(index) < ((JsonArray) parent).size();
    }
    return parent instanceof JsonObject;
  }
}
