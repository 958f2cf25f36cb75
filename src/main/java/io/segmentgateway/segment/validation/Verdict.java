package io.segmentgateway.segment.validation;

import io.segmentgateway.http.BodyProblem;
import java.util.List;

/** The verdict on one request body: every problem at once, each from the schema files or from a rule beyond them. */
public interface Verdict {

  List<BodyProblem> problems();

  default boolean valid() {
    return problems().isEmpty();
  }

  /** True when the schema files alone would accept the body (the rules beyond them may still object). */
  default boolean schemaValid() {
    return problems().stream().noneMatch(p -> p.source() == BodyProblem.Source.SCHEMA);
  }
}
