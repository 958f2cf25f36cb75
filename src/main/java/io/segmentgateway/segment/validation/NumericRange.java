package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import java.util.HashSet;
import java.util.Set;

/**
 * Intersects the bounds that ==, >, >=, <, <= (and the field's own range, 0 to its maximum) put on one
 * numeric field of an AND group; != values remove single points.
 */
final class NumericRange {

  private NumericRange() {
  }

  /** Why some numeric field of these conditions has no value left, or null. */
  static String empty(Condition[] conditions) {
    for (int i = 0; i < conditions.length; i++) {
      Field field = conditions[i].field();
      if (field.type().numeric() && firstOf(conditions, i)) {
        String reason = empty(conditions, field);
        if (reason != null) {
          return reason;
        }
      }
    }
    return null;
  }

  private static boolean firstOf(Condition[] conditions, int index) {
    for (int i = 0; i < index; i++) {
      if (conditions[i].field() == conditions[index].field()) {
        return false;
      }
    }
    return true;
  }

  private static String empty(Condition[] conditions, Field field) {
    long lo = field.type().min();
    long hi = field.type().max();
    Condition loBy = null;
    Condition hiBy = null;
    for (Condition condition : conditions) {
      if (condition.field() != field) {
        continue;
      }
      long v = condition.number();
      Relation relation = condition.relation();
      long low = relation == Relation.EQUALS || relation == Relation.GREATER_THAN_OR_EQUALS ? v
        : relation == Relation.GREATER_THAN ? (v == Long.MAX_VALUE ? v : v + 1) : Long.MIN_VALUE;
      long high = relation == Relation.EQUALS || relation == Relation.LESS_THAN_OR_EQUALS ? v
        : relation == Relation.LESS_THAN ? v - 1 : Long.MAX_VALUE;
      boolean impossible = relation == Relation.GREATER_THAN && v == Long.MAX_VALUE;
      if (low > lo || impossible) {
        lo = low;
        loBy = condition;
      }
      if (high < hi) {
        hi = high;
        hiBy = condition;
      }
      if (impossible) {
        return bounds(field, loBy, null);
      }
    }
    if (lo > hi) {
      return bounds(field, loBy, hiBy);
    }
    return allExcluded(conditions, field, lo, hi);
  }

  private static String bounds(Field field, Condition loBy, Condition hiBy) {
    String name = "'" + field.name() + "'";
    if (loBy != null && hiBy != null && loBy != hiBy) {
      return name + " cannot be both " + symbol(loBy) + " and " + symbol(hiBy);
    }
    Condition only = loBy != null ? loBy : hiBy;
    return name + " cannot be " + symbol(only) + ": its values are " + field.type().min() + " to "
      + field.type().max();
  }

  /** The range is left non-empty; it is empty all the same when '!=' removes each of its values. */
  private static String allExcluded(Condition[] conditions, Field field, long lo, long hi) {
    Set<Long> excluded = null;
    for (Condition condition : conditions) {
      if (condition.field() == field && condition.relation() == Relation.NOT_EQUALS) {
        long v = condition.number();
        if (v >= lo && v <= hi) {
          excluded = excluded == null ? new HashSet<>() : excluded;
          excluded.add(v);
        }
      }
    }
    if (excluded == null || hi - lo >= excluded.size()) {
      return null;
    }
    return "'" + field.name() + "' has no value left: '!=' excludes every value from " + lo + " to " + hi;
  }

  private static String symbol(Condition condition) {
    return condition.relation().canonical() + " " + condition.value();
  }
}
