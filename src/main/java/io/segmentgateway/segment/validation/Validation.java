package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import java.util.List;

/** The verdict on one body: every problem at once, warnings, and the canonical input when valid. */
public record Validation(List<BodyProblem> problems, List<BodyProblem> warnings, SegmentInput input) {

  public boolean valid() {
    return problems.isEmpty();
  }

  /** True when the schema files alone would accept the body (the rules beyond them may still object). */
  public boolean schemaValid() {
    return problems.stream().noneMatch(p -> p.source() == BodyProblem.Source.SCHEMA);
  }
}
