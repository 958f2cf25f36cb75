package io.segmentgateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every problem of one request at once: its query parameters, its headers and its body are each checked, and what
 * they refuse is answered in one 400 (validation) instead of the first refusal alone. A part refused alone is
 * answered as before, in its own words; a refusal of another kind (malformed JSON, 413) is thrown as it comes.
 */
public final class RequestProblems {

  private final List<Problem> parts = new ArrayList<>(2);
  private Refusal reason;

  /** read's value, or otherwise when read refuses the request with a 400 validation problem (kept for later). */
  public <T> T read(Supplier<T> read, T otherwise) {
    try {
      return read.get();
    } catch (ProblemException e) {
      Problem problem = e.problem();
      if (problem.status() != 400 || !"validation".equals(problem.type()) || problem.errors() == null) {
        throw e;
      }
      add(problem, e.reason());
      return otherwise;
    }
  }

  /** The body's refusal, counted under reason (schema or rule). */
  public void add(Problem body, Refusal bodyReason) {
    parts.add(body);
    // The first refusal names the request's reason in the metrics: one count per request.
    reason = reason == null ? bodyReason : reason;
  }

  /** Fails with one 400 holding every problem kept so far; does nothing when there is none. */
  public void throwIfAny() {
    if (parts.size() == 1) {
      throw new ProblemException(parts.get(0), reason);
    }
    if (!parts.isEmpty()) {
      throw new ProblemException(Problem.invalidRequest(parts), reason);
    }
  }
}
