package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * Each field's place in a checked device (an array of values in the order of the field table), so that evaluating
 * a condition reads an array slot instead of looking a name up.
 */
final class FieldSlots {

  private static final Field[] FIELDS = ConstraintRules.fields().values().toArray(new Field[0]);
  private static final Map<String, Integer> SLOTS = slots();
  private static final Object[] EMPTY = emptyDevice();

  private FieldSlots() {
  }

  static int count() {
    return FIELDS.length;
  }

  /** The slot of the field of that exact name, or -1. */
  static int of(String name) {
    Integer slot = SLOTS.get(name);
    return slot == null ? -1 : slot;
  }

  static Field at(int slot) {
    return FIELDS[slot];
  }

  /** A device without any member: every field missing, and no tags. */
  static Object[] empty() {
    return EMPTY.clone();
  }

  private static Object[] emptyDevice() {
    Object[] values = new Object[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      if (FIELDS[i].type() == FieldType.TAGS) {
        values[i] = Tags.NONE;
      }
    }
    return values;
  }

  private static Map<String, Integer> slots() {
    Map<String, Integer> slots = new HashMap<>();
    for (int i = 0; i < FIELDS.length; i++) {
      slots.put(FIELDS[i].name(), i);
    }
    return slots;
  }
}
