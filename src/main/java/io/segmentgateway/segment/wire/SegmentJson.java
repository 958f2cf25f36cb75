package io.segmentgateway.segment.wire;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A segment as a JsonObject: {id, name, description, constraints, version, createdAt, updatedAt}. The responses
 * are written by {@link SegmentWriter}, which gives the same bytes without building this tree; this form is the
 * reference the writer is tested against, and canonicalOrder is the writer's way for constraints of an unusual
 * shape.
 */
public final class SegmentJson {

  private SegmentJson() {
  }

  /** @param constraints the stored constraints as decoded from jsonb, members in any order */
  public static JsonObject toJson(String id, String name, String description, JsonArray constraints, long version,
      long createdAt, long updatedAt) {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("description", description)
        .put("constraints", canonicalOrder(constraints))
        .put("version", version)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }

  public static JsonArray warnings(List<BodyProblem> warnings) {
    JsonArray out = new JsonArray();
    for (BodyProblem w : warnings) {
      out.add(new JsonObject()
          .put("pointer", w.pointer())
          .put("message", w.message()));
    }
    return out;
  }

  /**
   * jsonb keeps object keys in its own order (shortest first), so the documented order is restored here:
   * groups {type, constraints}, conditions {field, relation, value}.
   */
  static JsonArray canonicalOrder(JsonArray groups) {
    JsonArray out = new JsonArray(new ArrayList<>(groups.size()));
    for (Object g : groups) {
      JsonObject group = asObject(g);
      if (group == null) {
        out.add(g);
        continue;
      }
      JsonArray conditions = new JsonArray();
      Object inner = group.getValue("constraints");
      if (inner instanceof JsonArray) {
        for (Object c : (JsonArray) inner) {
          JsonObject condition = asObject(c);
          conditions.add(condition == null ? c : new JsonObject()
              .put("field", condition.getValue("field"))
              .put("relation", condition.getValue("relation"))
              .put("value", condition.getValue("value")));
        }
      }
      out.add(new JsonObject()
          .put("type", group.getValue("type"))
          .put("constraints", conditions));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static JsonObject asObject(Object value) {
    if (value instanceof JsonObject) {
      return (JsonObject) value;
    }
    if (value instanceof Map) {
      return new JsonObject((Map<String, Object>) value);
    }
    return null;
  }

}
