package io.segmentgateway.http;

/** A failure that is meant for the client: handlers fail with it and FailureHandler renders its problem. */
public final class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Refusal reason;

  public ProblemException(Problem problem) {
    this(problem, null, null);
  }

  /** A refused body or query, counted under reason in the metrics (its problem type cannot tell schema from rule). */
  public ProblemException(Problem problem, Refusal reason) {
    this(problem, reason, null);
  }

  /** cause: what the server saw (kept for the log only, never shown to the client). */
  public ProblemException(Problem problem, Throwable cause) {
    this(problem, null, cause);
  }

  private ProblemException(Problem problem, Refusal reason, Throwable cause) {
    // No stack trace: these are expected outcomes, not bugs, and some are frequent.
    super(problem.type() + ": " + problem.detail(), cause, false, false);
    this.problem = problem;
    this.reason = reason;
  }

  public Problem problem() {
    return problem;
  }

  /** null unless the thrower named one. */
  public Refusal reason() {
    return reason;
  }
}
