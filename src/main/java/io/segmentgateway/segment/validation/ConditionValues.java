package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;

/** Checks the value of a condition whose relation applies to its field (any relation but exists). */
final class ConditionValues {

  private static final String TEXT_LENGTH = "must be " + ConstraintRules.MIN_VALUE_LENGTH + " to "
    + ConstraintRules.MAX_VALUE_LENGTH + " characters, got ";

  private ConditionValues() {
  }

  /** The canonical value (String, Integer or Long), or null after reporting its problems. */
  static Object check(Field field, Relation relation, Object value, int g, int c, Problems problems) {
    if (value == null) {
      problems.schemaInCondition(g, c, "value", "must not be null");
      return null;
    }
    return field.type().numeric()
      ? number(field, value, g, c, problems)
      : text(field, relation, value, g, c, problems);
  }

  private static Object text(Field field, Relation relation, Object value, int g, int c, Problems problems) {
    if (!(value instanceof String)) {
      problems.schemaInCondition(g, c, "value", problems.listing() ? field.type().label() + " field '"
        + field.name() + "' takes a string value, got " + JsonValues.kind(value) : null);
      return null;
    }
    String text = (String) value;
    int length = Text.length(text);
    if (length < ConstraintRules.MIN_VALUE_LENGTH || length > ConstraintRules.MAX_VALUE_LENGTH) {
      problems.schemaInCondition(g, c, "value", problems.listing() ? TEXT_LENGTH + length : null);
      return null;
    }
    String unstorable = Text.unstorable(text);
    if (unstorable != null) {
      problems.ruleInCondition(g, c, "value", unstorable);
      return null;
    }
    boolean formatChecked = field.type() == FieldType.STRING
      && (relation == Relation.EQUALS || relation == Relation.NOT_EQUALS);
    if (formatChecked && !field.rule().accepts(text)) {
      problems.ruleInCondition(g, c, "value", problems.listing() ? field.rule().refusal(text) : null);
      return null;
    }
    return text;
  }

  private static Object number(Field field, Object value, int g, int c, Problems problems) {
    FieldType type = field.type();
    if (!(value instanceof Number)
      || !SchemaNumbers.isInteger((Number) value)
      || !SchemaNumbers.inRange((Number) value, type.min(), type.max())) {
      problems.schemaInCondition(g, c, "value",
        problems.listing() ? range(type) + ", got " + JsonValues.show(value) : null);
      return null;
    }
    // The schema's 'integer' takes 5.0 and 1e2 (no fractional part); the contract's "JSON integer" does not.
    if (!SchemaNumbers.integerLiteral((Number) value)) {
      problems.ruleInCondition(g, c, "value", problems.listing()
        ? "must be a JSON integer, without fraction or exponent, got " + JsonValues.show(value) : null);
      return null;
    }
    long exact = SchemaNumbers.exactLong((Number) value);
    return type == FieldType.INT ? (Object) (int) exact : exact;
  }

  private static String range(FieldType type) {
    return "must be an integer between " + type.min() + " and " + type.max();
  }
}
