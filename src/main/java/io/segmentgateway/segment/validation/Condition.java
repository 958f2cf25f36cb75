package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import java.util.Map;

/** A canonical condition, read once, for the checks that compare conditions (Conflicts, NumericRange). */
record Condition(Field field, Relation relation, Object value) {

  static Condition of(Object raw) {
    Map<String, Object> condition = JsonValues.object(raw);
    String relation = (String) condition.get("relation");
    Relation found = Relations.find(relation);
    return new Condition(ConstraintRules.field((String) condition.get("field")), found, condition.get("value"));
  }

  String name() {
    return "'" + field.name() + "'";
  }

  long number() {
    return ((Number) value).longValue();
  }

  String text() {
    return (String) value;
  }

  boolean absent() {
    return relation == Relation.EXISTS && Boolean.FALSE.equals(value);
  }

  boolean present() {
    return relation == Relation.EXISTS && Boolean.TRUE.equals(value);
  }
}
