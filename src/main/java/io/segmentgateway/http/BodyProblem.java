package io.segmentgateway.http;

/** One thing wrong with (or worth saying about) a request body: where it is, and what it is, in words. */
public record BodyProblem(String pointer, String message, Source source) {

  /** Whether the JSON Schema files in schemas/ reject it, or a rule beyond them. */
  public enum Source { SCHEMA, RULE }
}
