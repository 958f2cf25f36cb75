package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;

/**
 * Checks PATCH and POST bodies: the schemas' verdict plus the rules beyond them, all problems at once. One
 * pass over the decoded tree, driven by {@link ConstraintRules}; it gives exactly the verdict of
 * vertx-json-schema on the files in schemas/ (a property test holds it to that) in a few microseconds.
 */
public final class SegmentValidator {

  private static final SegmentValidator INSTANCE = new SegmentValidator();
  private static final String PATCH_MEMBERS = "id, name, description, constraints";
  private static final String NOTHING_TO_CHANGE =
    "nothing to change: send at least one of name, description, constraints";

  private SegmentValidator() {
  }

  /** Built once at start-up; thread-safe and allocation-light per call. */
  public static SegmentValidator create() {
    return INSTANCE;
  }

  /** @param body the decoded JSON value of any type (JsonObject, JsonArray, String, Number, Boolean, null) */
  public Validation checkPatch(Object body) {
    return check(body, true);
  }

  /** @param body the decoded JSON value of any type */
  public Validation checkCreate(Object body) {
    return check(body, false);
  }

  private Validation check(Object body, boolean patch) {
    Problems problems = new Problems();
    Map<String, Object> members = JsonValues.object(body);
    if (members == null) {
      problems.schema(Pointers.ROOT, "the body must be a JSON object {" + PATCH_MEMBERS + "}, got "
        + JsonValues.kind(body));
      return new Validation(problems.list(), List.of(), null);
    }
    boolean hasId = false;
    boolean hasName = false;
    boolean hasDescription = false;
    boolean hasConstraints = false;
    String id = null;
    String name = null;
    String description = null;
    JsonArray constraints = null;
    for (Map.Entry<String, Object> member : members.entrySet()) {
      Object value = member.getValue();
      switch (member.getKey()) {
        case "id":
          hasId = true;
          id = Members.id(value, problems);
          break;
        case "name":
          hasName = true;
          name = Members.name(value, problems);
          break;
        case "description":
          hasDescription = true;
          description = Members.description(value, problems);
          break;
        case "constraints":
          hasConstraints = true;
          constraints = ConstraintsChecker.check(value, problems);
          break;
        default:
          problems.unknownMember(-1, -1, member.getKey(), "; expected one of " + PATCH_MEMBERS);
      }
    }
    if (patch && !hasId) {
      problems.schema("/id", "id is required");
    }
    if (patch && !hasName && !hasDescription && !hasConstraints) {
      problems.schema(Pointers.ROOT, NOTHING_TO_CHANGE);
    }
    if (!patch && !hasName) {
      problems.schema("/name", "name is required");
    }
    if (!patch && !hasConstraints) {
      problems.schema(Pointers.CONSTRAINTS, "constraints is required");
    }
    if (!problems.none()) {
      return new Validation(problems.list(), List.of(), null);
    }
    List<BodyProblem> warnings = constraints == null ? List.of() : Satisfiability.warnings(constraints);
    return new Validation(List.of(), warnings, new SegmentInput(id, name, description, constraints));
  }
}
