package io.segmentgateway.segment;

import io.segmentgateway.segment.validation.BodyProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A segments row as the wire shows it: {id, name, description, constraints, version, createdAt, updatedAt}. */
public final class SegmentJson {

  private SegmentJson() {
  }

  /** Reads the columns of SegmentRepository.COLUMNS, by position. */
  public static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getString(0))
        .put("name", row.getString(1))
        .put("description", row.getString(2))
        .put("constraints", canonicalOrder(row.getJsonArray(3)))
        .put("version", row.getLong(4))
        .put("createdAt", millis(row.getOffsetDateTime(5)))
        .put("updatedAt", millis(row.getOffsetDateTime(6)));
  }

  public static long version(Row row) {
    return row.getLong(4);
  }

  public static String id(Row row) {
    return row.getString(0);
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

  private static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
