package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import java.util.List;

/** The verdict on one body: every problem at once, warnings, and the canonical input when valid. */
public record Validation(List<BodyProblem> problems, List<BodyProblem> warnings, SegmentInput input)
    implements Verdict {
}
