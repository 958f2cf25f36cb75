package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.GroupType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks the constraints array (groups of conditions) and returns it canonical. */
final class ConstraintsChecker {

  private static final String GROUP_NOT_AN_OBJECT = "a group must be an object {type, constraints}, got ";
  private static final String GROUP_UNKNOWN_MEMBER = "; a group is exactly {type, constraints}";
  private static final String TYPE_EXPECTED = "must be " + Arrays.stream(GroupType.values())
    .map(GroupType::name)
    .collect(Collectors.joining(" or "));

  private ConstraintsChecker() {
  }

  /** The canonical constraints, or null when the body has problems. */
  static JsonArray check(Object raw, Problems problems) {
    List<Object> groups = JsonValues.array(raw);
    if (groups == null) {
      problems.schema(Pointers.CONSTRAINTS, raw == null ? "must not be null"
        : "must be an array of groups {type, constraints}, got " + JsonValues.kind(raw));
      return null;
    }
    int size = groups.size();
    if (size > ConstraintRules.MAX_GROUPS) {
      problems.schema(Pointers.CONSTRAINTS, "at most " + ConstraintRules.MAX_GROUPS + " groups, got " + size);
    }
    List<Object> canonical = problems.none() ? new ArrayList<>(size) : null;
    for (int g = 0; g < size; g++) {
      JsonObject group = group(groups.get(g), g, problems);
      if (group != null && canonical != null) {
        canonical.add(group);
      }
    }
    return problems.none() ? new JsonArray(canonical) : null;
  }

  private static JsonObject group(Object raw, int g, Problems problems) {
    Map<String, Object> group = JsonValues.object(raw);
    if (group == null) {
      problems.schemaInGroup(g, null,
        raw == null ? "must not be null" : problems.listing() ? GROUP_NOT_AN_OBJECT + JsonValues.kind(raw) : null);
      return null;
    }
    boolean hasType = false;
    boolean hasConditions = false;
    String canonicalType = null;
    List<Object> canonicalConditions = null;
    for (Map.Entry<String, Object> member : group.entrySet()) {
      switch (member.getKey()) {
        case "type":
          hasType = true;
          canonicalType = type(member.getValue(), g, problems);
          break;
        case "constraints":
          hasConditions = true;
          canonicalConditions = conditions(member.getValue(), g, problems);
          break;
        default:
          problems.unknownMember(g, -1, member.getKey(), GROUP_UNKNOWN_MEMBER);
      }
    }
    if (!hasType) {
      problems.schemaInGroup(g, "type", "type is required");
    }
    if (!hasConditions) {
      problems.schemaInGroup(g, "constraints", "constraints is required");
    }
    if (!problems.none()) {
      return null;
    }
    Map<String, Object> canonical = new LinkedHashMap<>(4);
    canonical.put("type", canonicalType);
    canonical.put("constraints", new JsonArray(canonicalConditions));
    return new JsonObject(canonical);
  }

  private static String type(Object type, int g, Problems problems) {
    boolean otherCase = false;
    for (GroupType known : GroupType.values()) {
      if (known.name().equals(type)) {
        return known.name();
      }
      otherCase |= type instanceof String && known.name().equalsIgnoreCase((String) type);
    }
    problems.schemaInGroup(g, "type", type == null ? "must not be null" : !problems.listing() ? null
      : TYPE_EXPECTED + (otherCase ? " in upper case" : "") + ", got " + JsonValues.show(type));
    return null;
  }

  private static List<Object> conditions(Object raw, int g, Problems problems) {
    List<Object> conditions = JsonValues.array(raw);
    if (conditions == null) {
      problems.schemaInGroup(g, "constraints", raw == null ? "must not be null" : problems.listing()
        ? "must be an array of conditions {field, relation, value}, got " + JsonValues.kind(raw) : null);
      return null;
    }
    int size = conditions.size();
    if (size < ConstraintRules.MIN_CONDITIONS) {
      problems.schemaInGroup(g, "constraints", problems.listing()
        ? "a group holds at least " + ConstraintRules.MIN_CONDITIONS + " constraint, got " + size : null);
    } else if (size > ConstraintRules.MAX_CONDITIONS) {
      problems.schemaInGroup(g, "constraints", problems.listing()
        ? "a group holds at most " + ConstraintRules.MAX_CONDITIONS + " constraints, got " + size : null);
    }
    List<Object> canonical = problems.none() ? new ArrayList<>(size) : null;
    for (int c = 0; c < size; c++) {
      JsonObject condition = ConditionChecker.check(conditions.get(c), g, c, problems);
      if (condition != null && canonical != null) {
        canonical.add(condition);
      }
    }
    return canonical;
  }
}
