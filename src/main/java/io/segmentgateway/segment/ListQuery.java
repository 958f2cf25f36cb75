package io.segmentgateway.segment;

import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import io.segmentgateway.http.Refusal;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** The query of GET /v1/segments, checked: limit 1..200 (default 50), after = a cursor from an earlier page. */
record ListQuery(int limit, String afterId) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  /** Every wrong parameter is reported at once, as {parameter, message}. */
  static ListQuery from(MultiMap params) {
    JsonArray errors = new JsonArray();
    int limit = DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null) {
      int parsed = DIGITS.matcher(limitText).matches() ? Integer.parseInt(limitText) : -1;
      if (parsed < 1 || parsed > MAX_LIMIT) {
        errors.add(error("limit", "limit must be an integer from 1 to " + MAX_LIMIT));
      } else {
        limit = parsed;
      }
    }
    String afterId = "";
    String cursor = params.get("after");
    if (cursor != null) {
      afterId = SegmentIds.idFromCursor(cursor);
      if (afterId == null) {
        errors.add(error("after", "after must be the 'next' cursor of an earlier page"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidParameters(errors), Refusal.PARAMETER);
    }
    return new ListQuery(limit, afterId);
  }

  private static JsonObject error(String parameter, String message) {
    return new JsonObject()
        .put("parameter", parameter)
        .put("message", message);
  }
}
