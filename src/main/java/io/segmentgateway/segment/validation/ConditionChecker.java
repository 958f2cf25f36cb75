package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks one condition {field, relation, value} against the tables and returns it canonical. The schema
 * verdict it gives is the one condition.json gives; problems that only the rules see are tagged RULE.
 */
final class ConditionChecker {

  private static final String FIELD_LIST = String.join(", ", ConstraintRules.fields().keySet());
  private static final String NOT_AN_OBJECT = "a condition must be an object {field, relation, value}, got ";
  private static final String UNKNOWN_MEMBER = "; a condition is exactly {field, relation, value}";

  private ConditionChecker() {
  }

  /** The canonical condition, or null when it has problems or earlier parts of the body had some. */
  static JsonObject check(Object raw, int g, int c, Problems problems) {
    Map<String, Object> condition = JsonValues.object(raw);
    if (condition == null) {
      problems.schemaInCondition(g, c, null,
        raw == null ? "must not be null" : problems.listing() ? NOT_AN_OBJECT + JsonValues.kind(raw) : null);
      return null;
    }
    // Looked up rather than iterated: three hash lookups cost less than an iterator and a switch per member.
    Object fieldValue = condition.get("field");
    Object relationValue = condition.get("relation");
    Object value = condition.get("value");
    boolean hasField = fieldValue != null || condition.containsKey("field");
    boolean hasRelation = relationValue != null || condition.containsKey("relation");
    boolean hasValue = value != null || condition.containsKey("value");
    int known = (hasField ? 1 : 0) + (hasRelation ? 1 : 0) + (hasValue ? 1 : 0);
    if (condition.size() > known) {
      for (String key : condition.keySet()) {
        if (!key.equals("field") && !key.equals("relation") && !key.equals("value")) {
          problems.unknownMember(g, c, key, UNKNOWN_MEMBER);
        }
      }
    }
    Field field = field(hasField, fieldValue, g, c, problems);
    Relation relation = relation(hasRelation, relationValue, g, c, problems);
    Object canonicalValue = null;
    if (relation == Relation.EXISTS) {
      canonicalValue = existsValue(hasValue, value, g, c, problems);
    } else if (relation != null && !hasValue) {
      problems.schemaInCondition(g, c, "value",
        problems.listing() ? "value is required for '" + relation.canonical() + "'" : null);
    }
    if (field != null && relation != null) {
      if (!relation.appliesTo(field.type())) {
        problems.schemaInCondition(g, c, "relation", problems.listing() ? Text.quote((String) relationValue)
          + " does not apply to " + field.type().label() + " field '" + field.name() + "'" : null);
      } else if (relation != Relation.EXISTS && hasValue) {
        canonicalValue = ConditionValues.check(field, relation, value, g, c, problems);
      }
    }
    if (!problems.none()) {
      return null;
    }
    Map<String, Object> canonical = new LinkedHashMap<>(4);
    canonical.put("field", field.name());
    canonical.put("relation", relation.canonical());
    canonical.put("value", canonicalValue);
    return new JsonObject(canonical);
  }

  private static Field field(boolean present, Object value, int g, int c, Problems problems) {
    if (!present) {
      problems.schemaInCondition(g, c, "field", "field is required");
      return null;
    }
    if (!(value instanceof String)) {
      problems.schemaInCondition(g, c, "field", value == null ? "must not be null"
        : problems.listing() ? "must be a field name such as 'country', got " + JsonValues.kind(value) : null);
      return null;
    }
    Field field = ConstraintRules.field((String) value);
    if (field == null) {
      problems.schemaInCondition(g, c, "field", problems.listing()
        ? "unknown field " + Text.quote((String) value) + "; expected one of " + FIELD_LIST : null);
    }
    return field;
  }

  /** The relation as the schema reads it (see Text.withoutFinalLineTerminator), or null. */
  private static Relation relation(boolean present, Object value, int g, int c, Problems problems) {
    if (!present) {
      problems.schemaInCondition(g, c, "relation", "relation is required");
      return null;
    }
    if (!(value instanceof String)) {
      problems.schemaInCondition(g, c, "relation", value == null ? "must not be null"
        : problems.listing() ? "must be a relation such as '==' or 'EQUALS', got " + JsonValues.kind(value) : null);
      return null;
    }
    String spelling = (String) value;
    Relation relation = Relations.find(spelling);
    if (relation != null) {
      return relation;
    }
    String unterminated = Text.withoutFinalLineTerminator(spelling);
    relation = unterminated == spelling ? null : Relations.find(unterminated);
    String message = !problems.listing() ? null
      : Text.quote(spelling) + " is not a relation; expected one of " + Relations.CANONICAL_LIST
      + " or an alias such as EQUALS";
    if (relation == null) {
      problems.schemaInCondition(g, c, "relation", message);
    } else {
      problems.ruleInCondition(g, c, "relation", message);
    }
    return relation;
  }

  private static Object existsValue(boolean present, Object value, int g, int c, Problems problems) {
    if (!present) {
      return Boolean.TRUE;
    }
    if (!(value instanceof Boolean)) {
      problems.schemaInCondition(g, c, "value", value == null ? "must not be null"
        : problems.listing() ? "must be true or false for 'exists', got " + JsonValues.kind(value) : null);
      return null;
    }
    return value;
  }
}
