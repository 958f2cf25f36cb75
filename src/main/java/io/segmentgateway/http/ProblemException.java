package io.segmentgateway.http;

import io.segmentgateway.ops.ValidationFailures;

/** A failure that is meant for the client: handlers fail with it and FailureHandler renders its problem. */
public final class ProblemException extends RuntimeException {

  private final Problem problem;
  private final ValidationFailures.Reason reason;

  public ProblemException(Problem problem) {
    // No stack trace: these are expected outcomes, not bugs, and some are frequent.
    super(problem.type() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.reason = null;
  }

  /** A refused body or query, counted under reason in the metrics (its problem type cannot tell schema from rule). */
  public ProblemException(Problem problem, ValidationFailures.Reason reason) {
    super(problem.type() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.reason = reason;
  }

  /** cause: what the server saw (kept for the log only, never shown to the client). */
  public ProblemException(Problem problem, Throwable cause) {
    super(problem.type() + ": " + problem.detail(), cause, false, false);
    this.problem = problem;
    this.reason = null;
  }

  public Problem problem() {
    return problem;
  }

  /** null unless the thrower named one. */
  public ValidationFailures.Reason reason() {
    return reason;
  }
}
