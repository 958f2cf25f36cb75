package io.segmentgateway.segment.validation;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Number semantics exactly as vertx-json-schema 5.0.7 applies them (Utils.Numbers), so that the fast check
 * and the reference agree on every decoded number: Jackson gives Integer, Long or BigInteger for integer
 * literals and Double for any literal with a fraction or an exponent (1e2, 5.0, 1E400 = Infinity).
 */
final class SchemaNumbers {

  private SchemaNumbers() {
  }

  /**
   * 'type: integer': any integral type; a Double or Float without fractional part (5.0, 1e2, -0.0); a
   * BigDecimal only when its remainder by one equals BigDecimal.ZERO including the scale (5 but not 5.0).
   */
  static boolean isInteger(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
      || n instanceof Byte) {
      return true;
    }
    if (n instanceof Double) {
      return n.doubleValue() % 1 == 0.0;
    }
    if (n instanceof Float) {
      return n.floatValue() % 1 == 0.0f;
    }
    if (n instanceof BigDecimal) {
      return ((BigDecimal) n).remainder(BigDecimal.ONE).equals(BigDecimal.ZERO);
    }
    return false;
  }

  /**
   * 'minimum'/'maximum' with integer bounds: exact for BigInteger and BigDecimal, through double otherwise
   * (so a Double 9.223372036854775807E18, which is 2^63, is not above the Long maximum).
   */
  static boolean inRange(Number n, long min, long max) {
    if (n instanceof BigDecimal || n instanceof BigInteger) {
      BigDecimal exact = n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal((BigInteger) n);
      return exact.compareTo(BigDecimal.valueOf(min)) >= 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0;
    }
    double d = n.doubleValue();
    return !(d < (double) min) && !(d > (double) max);
  }

  /**
   * Whether the number was written as a JSON integer: an integral type, as the decoder gives for a literal
   * without fraction or exponent (5, not 5.0 or 1e2). Stricter than isInteger, which is the schema's view.
   */
  static boolean integerLiteral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof BigInteger || n instanceof Short
      || n instanceof Byte;
  }

  /** The exact long of an integerLiteral that passed inRange. */
  static long exactLong(Number n) {
    if (n instanceof BigInteger) {
      return ((BigInteger) n).longValueExact();
    }
    return n.longValue();
  }
}
