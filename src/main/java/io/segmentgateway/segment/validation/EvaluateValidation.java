package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * The verdict on an evaluate body: every problem at once, the warnings of its constraints, and when valid the
 * checked devices and (for unsaved constraints) the canonical constraints, else null.
 */
public record EvaluateValidation(List<BodyProblem> problems, List<BodyProblem> warnings, JsonArray constraints,
    Devices devices) implements Verdict {
}
