package io.segmentgateway.segment.idempotency;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer's warnings as a record keeps them: [{"pointer", "message"}] as JSON text, null when there are none (as
 * for most writes, which then cost nothing here). Read back, they render exactly as they did the first time.
 */
final class StoredWarnings {

  private StoredWarnings() {
  }

  static String text(List<BodyProblem> warnings) {
    if (warnings.isEmpty()) {
      return null;
    }
    JsonArray array = new JsonArray();
    for (BodyProblem warning : warnings) {
      array.add(new JsonObject()
          .put("pointer", warning.pointer())
          .put("message", warning.message()));
    }
    return array.encode();
  }

  static List<BodyProblem> parse(String text) {
    if (text == null) {
      return List.of();
    }
    JsonArray array = new JsonArray(text);
    List<BodyProblem> warnings = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject warning = array.getJsonObject(i);
      warnings.add(new BodyProblem(warning.getString("pointer"), warning.getString("message"),
          BodyProblem.Source.RULE));
    }
    return warnings;
  }
}
