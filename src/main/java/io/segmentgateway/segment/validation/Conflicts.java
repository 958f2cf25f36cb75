package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;

/** Two conditions on one field that cannot hold together (numeric ranges are NumericRange's). */
final class Conflicts {

  private Conflicts() {
  }

  static String between(Condition a, Condition b) {
    if (a.present() && b.absent() || a.absent() && b.present()) {
      return a.name() + " cannot both exist and not exist";
    }
    if (a.absent() || b.absent()) {
      Condition other = a.absent() ? b : a;
      return asserts(other) ? a.name() + " cannot both not exist and " + phrase(other) : null;
    }
    if (a.relation() == Relation.EXISTS || b.relation() == Relation.EXISTS) {
      return null;
    }
    return a.field().type() == FieldType.TAGS ? tags(a, b) : values(a, b);
  }

  /** Tags are a set: a device can have many, so only 'has t' against 'lacks t' conflicts. */
  private static String tags(Condition a, Condition b) {
    boolean aHas = a.relation() != Relation.NOT_EQUALS;
    boolean bHas = b.relation() != Relation.NOT_EQUALS;
    if (aHas != bHas && a.value().equals(b.value())) {
      return a.name() + " cannot both include and lack " + Text.quote(a.text());
    }
    return null;
  }

  private static String values(Condition a, Condition b) {
    Relation ra = a.relation();
    Relation rb = b.relation();
    if (ra == Relation.EQUALS && rb == Relation.EQUALS && different(a, b)) {
      return a.name() + " cannot equal both " + show(a) + " and " + show(b);
    }
    if ((ra == Relation.EQUALS && rb == Relation.NOT_EQUALS || ra == Relation.NOT_EQUALS && rb == Relation.EQUALS)
      && a.value().equals(b.value())) {
      return a.name() + " cannot both equal and not equal " + show(a);
    }
    if (a.field().type() != FieldType.STRING) {
      return null;
    }
    if (ra == Relation.EQUALS && !textHolds(b, a.text())) {
      return a.name() + " cannot " + phrase(a) + " and " + phrase(b);
    }
    if (rb == Relation.EQUALS && !textHolds(a, b.text())) {
      return a.name() + " cannot " + phrase(b) + " and " + phrase(a);
    }
    boolean bothPrefixes = ra == Relation.STARTS_WITH && rb == Relation.STARTS_WITH;
    boolean bothSuffixes = ra == Relation.ENDS_WITH && rb == Relation.ENDS_WITH;
    if ((bothPrefixes || bothSuffixes) && !compatible(a.text(), b.text(), bothPrefixes)) {
      return a.name() + " cannot " + (bothPrefixes ? "start" : "end") + " with both " + show(a) + " and " + show(b);
    }
    return null;
  }

  /** Whether a string value could satisfy the condition, read generously: letter case ignored. */
  private static boolean textHolds(Condition condition, String value) {
    String text = condition.text();
    switch (condition.relation()) {
      case STARTS_WITH:
        return value.regionMatches(true, 0, text, 0, text.length());
      case ENDS_WITH:
        return value.regionMatches(true, value.length() - text.length(), text, 0, text.length());
      case CONTAINS:
        for (int i = 0; i + text.length() <= value.length(); i++) {
          if (value.regionMatches(true, i, text, 0, text.length())) {
            return true;
          }
        }
        return false;
      default:
        return true;
    }
  }

  /** Two prefixes (or suffixes) fit one string when one extends the other. */
  private static boolean compatible(String x, String y, boolean prefixes) {
    String shorter = x.length() <= y.length() ? x : y;
    String longer = shorter == x ? y : x;
    int offset = prefixes ? 0 : longer.length() - shorter.length();
    return longer.regionMatches(true, offset, shorter, 0, shorter.length());
  }

  private static boolean different(Condition a, Condition b) {
    if (a.value() instanceof String) {
      return !a.text().equalsIgnoreCase(b.text());
    }
    return a.number() != b.number();
  }

  /** Relations that only a device having the field can satisfy ('!=' is left out: engines differ). */
  private static boolean asserts(Condition condition) {
    return condition.relation() != Relation.NOT_EQUALS && condition.relation() != Relation.EXISTS;
  }

  static String phrase(Condition condition) {
    boolean tags = condition.field().type() == FieldType.TAGS;
    switch (condition.relation()) {
      case EQUALS:
        return tags ? "include " + show(condition) : "equal " + show(condition);
      case NOT_EQUALS:
        return tags ? "lack " + show(condition) : "not equal " + show(condition);
      case STARTS_WITH:
        return "start with " + show(condition);
      case ENDS_WITH:
        return "end with " + show(condition);
      case CONTAINS:
        return tags ? "include " + show(condition) : "contain " + show(condition);
      default:
        return "be " + condition.relation().canonical() + " " + show(condition);
    }
  }

  static String show(Condition condition) {
    return JsonValues.show(condition.value());
  }
}
