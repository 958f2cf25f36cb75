package io.segmentgateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.segmentgateway.http.Problem;
import io.segmentgateway.http.ProblemException;
import java.util.Locale;

/**
 * segment_gateway_validation_failures_total{reason}: requests refused for what they sent, by a fixed, small set
 * of reasons (never the message text, which would make a series per body). All counters exist from the start, at
 * zero, so that rate() works before the first failure.
 */
public final class ValidationFailures {

  static final String NAME = Metrics.PREFIX + "validation.failures";

  /** Why a request was refused; the label is the lower-case name. */
  public enum Reason {
    /** The body is not one strict JSON value (400 malformed-json). */
    MALFORMED_JSON,
    /** The JSON Schema files in schemas/ reject the body (400 validation). */
    SCHEMA,
    /** The schemas accept it, a rule beyond them does not: ISO codes, zones, e-mail, ... (400 validation). */
    RULE,
    /** A query parameter or a request header (If-Match) is wrong (400 validation). */
    PARAMETER,
    /** The body is over 64 KiB (413). */
    TOO_LARGE,
    /** The body is not application/json (415). */
    UNSUPPORTED_MEDIA_TYPE
  }

  private final Counter[] counters = new Counter[Reason.values().length];

  ValidationFailures(MeterRegistry registry) {
    for (Reason reason : Reason.values()) {
      counters[reason.ordinal()] = Counter.builder(NAME)
          .description("Requests refused for their body or parameters, by reason")
          .tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Counts the problem about to be rendered, if it is about the request's content. */
  public void count(Problem problem, Throwable failure) {
    Reason reason = reasonOf(problem, failure);
    if (reason != null) {
      counters[reason.ordinal()].increment();
    }
  }

  /** The thrower's reason when it named one (only it knows schema from rule), else the problem type's. */
  static Reason reasonOf(Problem problem, Throwable failure) {
    if (failure instanceof ProblemException && ((ProblemException) failure).reason() != null) {
      return ((ProblemException) failure).reason();
    }
    switch (problem.type()) {
      case "malformed-json":
        return Reason.MALFORMED_JSON;
      case "payload-too-large":
        return Reason.TOO_LARGE;
      case "unsupported-media-type":
        return Reason.UNSUPPORTED_MEDIA_TYPE;
      case "validation":
        // Unnamed body problems come from the database refusing a value the rules let through (U+0000);
        // without errors it is the router's unreadable request line, not a validation failure.
        return problem.errors() != null ? Reason.RULE : null;
      default:
        return null;
    }
  }
}
