package io.segmentgateway.segment;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.http.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The query parameters that change what a segment request does: dryRun (true or false, once) on POST and PATCH,
 * include (a comma-separated list of extras, of which there is one: expression) on GET. A wrong value is a 400 that
 * names the parameter, never ignored: a client that asked for a dry run must not get a write.
 */
final class QueryFlags {

  static final String DRY_RUN = "dryRun";
  static final String INCLUDE = "include";
  static final String EXPRESSION = "expression";

  private QueryFlags() {
  }

  /** True for dryRun=true, false for dryRun=false or none. */
  static boolean dryRun(MultiMap params) {
    List<String> values = params.getAll(DRY_RUN);
    if (values.isEmpty()) {
      return false;
    }
    if (values.size() > 1) {
      throw refusal(DRY_RUN, "dryRun must be given at most once");
    }
    return switch (values.get(0)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw refusal(DRY_RUN, "dryRun must be true or false");
    };
  }

  /** True when include names expression; every item of every include must be a known extra. */
  static boolean includeExpression(MultiMap params) {
    boolean expression = false;
    for (String value : params.getAll(INCLUDE)) {
      for (String item : value.split(",", -1)) {
        if (!item.equals(EXPRESSION)) {
          throw refusal(INCLUDE, "include takes a comma-separated list of: " + EXPRESSION);
        }
        expression = true;
      }
    }
    return expression;
  }

  private static ProblemException refusal(String parameter, String message) {
    JsonArray errors = new JsonArray().add(new JsonObject()
        .put("parameter", parameter)
        .put("message", message));
    return new ProblemException(Problem.invalidParameters(errors), Refusal.PARAMETER);
  }
}
