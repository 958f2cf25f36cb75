package io.segmentgateway.http;

/**
 * Why a request was refused for what it sent: a fixed, small set, so that the metric that counts them has one
 * series per reason (never one per message text). The failure handler names the reason of each problem it
 * renders; the thrower names it when only it can tell (schema from rule).
 */
public enum Refusal {
  /** The body is not one strict JSON value (400 malformed-json). */
  MALFORMED_JSON,
  /** The JSON Schema files in schemas/ reject the body (400 validation). */
  SCHEMA,
  /** The schemas accept it, a rule beyond them does not: ISO codes, zones, e-mail, ... (400 validation). */
  RULE,
  /** A query parameter or a request header (If-Match) is wrong (400 validation). */
  PARAMETER,
  /** The body is over the endpoint's limit (413). */
  TOO_LARGE,
  /** The body is not application/json (415). */
  UNSUPPORTED_MEDIA_TYPE
}
