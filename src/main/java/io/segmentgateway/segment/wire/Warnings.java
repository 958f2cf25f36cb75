package io.segmentgateway.segment.wire;

import io.segmentgateway.http.BodyProblem;
import java.util.List;

/** The "warnings" member of an answer: [{pointer, message}], left out when there are none. */
final class Warnings {

  private Warnings() {
  }

  /** Writes ,"warnings":[...] after the members before it, or nothing. */
  static void write(List<BodyProblem> warnings, JsonBytes out) {
    if (warnings.isEmpty()) {
      return;
    }
    out.ascii(",\"warnings\":[");
    for (int i = 0; i < warnings.size(); i++) {
      BodyProblem warning = warnings.get(i);
      out.ascii(i == 0 ? "{\"pointer\":" : ",{\"pointer\":")
          .string(warning.pointer())
          .ascii(",\"message\":")
          .string(warning.message())
          .ascii('}');
    }
    out.ascii(']');
  }
}
