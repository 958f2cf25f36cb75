package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.GroupType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.vertx.core.json.JsonArray;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Canonical constraints compiled for evaluating devices: each condition's field slot, relation and value read once,
 * so that a device costs, per condition, an array read and ConstraintRules.holds. What matches is decided there
 * and in GroupType alone.
 */
public final class Evaluator {

  private final GroupType[] types;
  /** Group g holds the conditions firsts[g] to firsts[g + 1] - 1. */
  private final int[] firsts;
  private final int[] slots;
  private final FieldType[] fieldTypes;
  private final Relation[] relations;
  private final Object[] values;

  private Evaluator(GroupType[] types, int[] firsts, int[] slots, FieldType[] fieldTypes, Relation[] relations,
      Object[] values) {
    this.types = types;
    this.firsts = firsts;
    this.slots = slots;
    this.fieldTypes = fieldTypes;
    this.relations = relations;
    this.values = values;
  }

  /** canonical: constraints as the validator returns them or as they are stored (jsonb's text, decoded). */
  public static Evaluator of(JsonArray canonical) {
    List<Object> groups = canonical.getList();
    GroupType[] types = new GroupType[groups.size()];
    int[] firsts = new int[groups.size() + 1];
    for (int g = 0; g < groups.size(); g++) {
      Map<String, Object> group = JsonValues.object(groups.get(g));
      types[g] = GroupType.valueOf((String) group.get("type"));
      firsts[g + 1] = firsts[g] + JsonValues.array(group.get("constraints")).size();
    }
    int count = firsts[groups.size()];
    int[] slots = new int[count];
    FieldType[] fieldTypes = new FieldType[count];
    Relation[] relations = new Relation[count];
    Object[] values = new Object[count];
    int c = 0;
    for (Object group : groups) {
      for (Object raw : JsonValues.array(JsonValues.object(group).get("constraints"))) {
        Condition condition = Condition.of(raw);
        slots[c] = FieldSlots.of(condition.field().name());
        fieldTypes[c] = condition.field().type();
        relations[c] = condition.relation();
        values[c] = ConstraintRules.operand(condition.relation(), condition.field().type(), condition.value());
        c++;
      }
    }
    return new Evaluator(types, firsts, slots, fieldTypes, relations, values);
  }

  public int groups() {
    return types.length;
  }

  /** Conditions in all groups. */
  public int conditions() {
    return slots.length;
  }

  /**
   * Whether evaluating these devices fits the event loop's budget: at most MAX_EVALUATED_CONDITIONS results, and at
   * most MAX_READ_CHARACTERS read by starts_with, ends_with and contains. A call beyond it is evaluated on a worker.
   */
  public boolean fitsTheEventLoop(Devices devices) {
    if ((long) slots.length * devices.size() > ConstraintRules.MAX_EVALUATED_CONDITIONS) {
      return false;
    }
    long read = 0;
    long[] bySlot = new long[FieldSlots.count()];
    Arrays.fill(bySlot, -1);
    for (int c = 0; c < slots.length; c++) {
      if (ConstraintRules.reads(relations[c], fieldTypes[c])) {
        if (bySlot[slots[c]] < 0) {
          bySlot[slots[c]] = characters(devices, slots[c]);
        }
        read += bySlot[slots[c]];
      }
    }
    return read <= ConstraintRules.MAX_READ_CHARACTERS;
  }

  /** The characters of the String values in that slot, over all devices. */
  private static long characters(Devices devices, int slot) {
    long characters = 0;
    for (int d = 0; d < devices.size(); d++) {
      Object value = devices.value(d, slot);
      if (value != null) {
        characters += Text.length((String) value);
      }
    }
    return characters;
  }

  /** The number of conditions of each group, in order. */
  public int[] groupSizes() {
    int[] sizes = new int[types.length];
    for (int g = 0; g < types.length; g++) {
      sizes[g] = firsts[g + 1] - firsts[g];
    }
    return sizes;
  }

  /**
   * Every device in order, each as 1 + groups() + conditions() results: whether it matches, then for each group
   * whether it matches followed by its conditions' results (the layout EvaluationWriter reads).
   */
  public boolean[] evaluate(Devices devices) {
    int stride = 1 + types.length + slots.length;
    boolean[] results = new boolean[devices.size() * stride];
    int at = 0;
    for (int d = 0; d < devices.size(); d++) {
      int matchedAt = at++;
      boolean matched = true;
      for (int g = 0; g < types.length; g++) {
        int groupAt = at++;
        int held = 0;
        for (int c = firsts[g]; c < firsts[g + 1]; c++) {
          boolean holds = ConstraintRules.holds(relations[c], fieldTypes[c], devices.value(d, slots[c]), values[c]);
          results[at++] = holds;
          held += holds ? 1 : 0;
        }
        boolean group = types[g].matches(held, firsts[g + 1] - firsts[g]);
        results[groupAt] = group;
        matched &= group;
      }
      results[matchedAt] = matched;
    }
    return results;
  }
}
