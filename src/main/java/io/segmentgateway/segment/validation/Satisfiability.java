package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds groups that can never match, for warnings. It only claims what holds whatever the matching engine
 * does with letter case and with devices that lack a field: two '==' strings conflict only when they differ
 * even ignoring case, and 'exists false' conflicts with '!=' never.
 */
final class Satisfiability {

  private Satisfiability() {
  }

  /** One warning per group that can never match, pointing at the group. */
  static List<BodyProblem> warnings(JsonArray canonicalGroups) {
    List<BodyProblem> warnings = null;
    List<Object> groups = canonicalGroups.getList();
    for (int g = 0; g < groups.size(); g++) {
      Map<String, Object> group = JsonValues.object(groups.get(g));
      List<Object> conditions = JsonValues.array(group.get("constraints"));
      String reason = "OR".equals(group.get("type")) ? orReason(conditions) : andReason(conditions);
      if (reason != null) {
        if (warnings == null) {
          warnings = new ArrayList<>(2);
        }
        warnings.add(new BodyProblem(Pointers.group(g), "group " + g + " can never match: " + reason,
          BodyProblem.Source.RULE));
      }
    }
    return warnings == null ? List.of() : warnings;
  }

  /** An OR group never matches only when none of its conditions can match on its own. */
  private static String orReason(List<Object> conditions) {
    String first = null;
    for (Object condition : conditions) {
      String reason = andReason(List.of(condition));
      if (reason == null) {
        return null;
      }
      first = first == null ? reason : first;
    }
    return conditions.size() == 1 ? first : first + ", and none of its other conditions can match either";
  }

  /** Why the conditions cannot all hold at once, or null. */
  static String andReason(List<Object> conditions) {
    int n = conditions.size();
    Condition[] parsed = new Condition[n];
    for (int i = 0; i < n; i++) {
      parsed[i] = Condition.of(conditions.get(i));
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (parsed[i].field() == parsed[j].field()) {
          String reason = Conflicts.between(parsed[i], parsed[j]);
          if (reason != null) {
            return reason;
          }
        }
      }
    }
    return NumericRange.empty(parsed);
  }
}
