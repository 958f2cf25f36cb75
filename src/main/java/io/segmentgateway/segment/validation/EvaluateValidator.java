package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * Checks the bodies of the evaluate endpoints, all problems at once: {devices} for a stored segment, and
 * {constraints, devices} for constraints that are not stored, checked exactly as a POST's constraints are. It gives
 * the verdict of vertx-json-schema on evaluate-segment.json and evaluate-constraints.json (a property test holds it
 * to that).
 */
public final class EvaluateValidator {

  private static final EvaluateValidator INSTANCE = new EvaluateValidator();
  private static final String STORED_MEMBERS = "devices";
  private static final String UNSAVED_MEMBERS = "constraints, devices";

  private EvaluateValidator() {
  }

  /** Thread-safe; holds nothing. */
  public static EvaluateValidator create() {
    return INSTANCE;
  }

  /** The body of POST /v1/segments/{id}/evaluate: the stored segment's constraints are evaluated. */
  public EvaluateValidation checkStored(Object body) {
    return check(body, false);
  }

  /** The body of POST /v1/segments/evaluate. */
  public EvaluateValidation checkUnsaved(Object body) {
    return check(body, true);
  }

  private EvaluateValidation check(Object body, boolean unsaved) {
    Problems problems = new Problems(ConstraintRules.MAX_LISTED_EVALUATE_PROBLEMS);
    String expected = unsaved ? UNSAVED_MEMBERS : STORED_MEMBERS;
    Map<String, Object> members = JsonValues.object(body);
    if (members == null) {
      problems.schema(Pointers.ROOT, "the body must be a JSON object {" + expected + "}, got " + JsonValues.kind(body));
      return new EvaluateValidation(problems.list(), List.of(), null, null);
    }
    boolean hasConstraints = false;
    boolean hasDevices = false;
    JsonArray constraints = null;
    Devices devices = null;
    for (Map.Entry<String, Object> member : members.entrySet()) {
      String key = member.getKey();
      if (key.equals("devices")) {
        hasDevices = true;
        devices = DeviceChecker.check(member.getValue(), problems);
      } else if (unsaved && key.equals("constraints")) {
        hasConstraints = true;
        constraints = ConstraintsChecker.check(member.getValue(), problems);
      } else {
        problems.unknownMember(-1, -1, key, unsaved || !key.equals("constraints") ? "; expected one of " + expected
          : "; this endpoint evaluates the stored segment's constraints (POST /v1/segments/evaluate takes them)");
      }
    }
    if (unsaved && !hasConstraints) {
      problems.schema(Pointers.CONSTRAINTS, "constraints is required");
    }
    if (!hasDevices) {
      problems.schema(Pointers.DEVICES, "devices is required");
    }
    if (!problems.none()) {
      return new EvaluateValidation(problems.list(), List.of(), null, null);
    }
    List<BodyProblem> warnings = unsaved ? Satisfiability.warnings(constraints) : List.of();
    return new EvaluateValidation(List.of(), warnings, constraints, devices);
  }
}
