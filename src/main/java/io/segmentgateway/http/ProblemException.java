package io.segmentgateway.http;

/** A failure that is meant for the client: handlers fail with it and FailureHandler renders its problem. */
public final class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    // No stack trace: these are expected outcomes, not bugs, and some are frequent.
    super(problem.type() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  /** cause: what the server saw (kept for the log only, never shown to the client). */
  public ProblemException(Problem problem, Throwable cause) {
    super(problem.type() + ": " + problem.detail(), cause, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
