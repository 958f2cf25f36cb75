package io.segmentgateway.segment.validation;

/** Checks the top-level scalar members of a segment body: id, name and description. */
final class Members {

  private static final String ID_SHAPE = "must be '" + ConstraintRules.ID_PREFIX + "' followed by 1 to "
    + ConstraintRules.ID_MAX_CHARS + " letters or digits, got ";
  private static final String NAME_LENGTH = "must be " + ConstraintRules.MIN_NAME_LENGTH + " to "
    + ConstraintRules.MAX_NAME_LENGTH + " characters after trimming whitespace, got ";

  private Members() {
  }

  /** The id, or null after reporting its problems. */
  static String id(Object value, Problems problems) {
    if (!(value instanceof String)) {
      problems.schema("/id", value == null ? "must not be null" : "must be a string, got " + JsonValues.kind(value));
      return null;
    }
    String id = (String) value;
    if (ConstraintRules.isSegmentId(id)) {
      return id;
    }
    if (ConstraintRules.isSegmentId(Text.withoutFinalLineTerminator(id))) {
      problems.rule("/id", ID_SHAPE + Text.quote(id) + " (with a trailing line break)");
    } else {
      problems.schema("/id", ID_SHAPE + Text.quote(id));
    }
    return null;
  }

  /** The name trimmed, or null after reporting its problems. */
  static String name(Object value, Problems problems) {
    if (!(value instanceof String)) {
      problems.schema("/name", value == null ? "must not be null" : "must be a string, got " + JsonValues.kind(value));
      return null;
    }
    String name = Text.trim((String) value);
    int length = Text.length(name);
    if (length < ConstraintRules.MIN_NAME_LENGTH || length > ConstraintRules.MAX_NAME_LENGTH) {
      problems.schema("/name", NAME_LENGTH + length);
      return null;
    }
    String unstorable = Text.unstorable(name);
    if (unstorable != null) {
      problems.rule("/name", unstorable);
      return null;
    }
    return name;
  }

  /** The description as sent ("" clears it), or null after reporting its problems. */
  static String description(Object value, Problems problems) {
    if (!(value instanceof String)) {
      problems.schema("/description", value == null ? "must not be null"
        : "must be a string, got " + JsonValues.kind(value));
      return null;
    }
    String description = (String) value;
    int length = Text.length(description);
    if (length > ConstraintRules.MAX_DESCRIPTION_LENGTH) {
      problems.schema("/description", "must be at most " + ConstraintRules.MAX_DESCRIPTION_LENGTH
        + " characters, got " + length);
      return null;
    }
    String unstorable = Text.unstorable(description);
    if (unstorable != null) {
      problems.rule("/description", unstorable);
      return null;
    }
    return description;
  }
}
