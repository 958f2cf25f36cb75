package io.segmentgateway.segment.wire;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Writes the answer of the evaluate endpoints straight into bytes: {"expression", "results": [{"matched", "groups":
 * [{"matched", "conditions": [...]}]}], "warnings"?}, one result per device, in order.
 */
public final class EvaluationWriter {

  private static final int PER_DEVICE = 32;
  private static final int PER_GROUP = 36;
  private static final int PER_CONDITION = 6;

  private EvaluationWriter() {
  }

  /**
   * @param groupSizes how many conditions each group holds
   * @param results for each device: whether it matches, then for each group whether it matches followed by its
   *     conditions' results (1 + groups + conditions per device)
   * @param warnings written only when there are any
   */
  public static Buffer write(String expression, int[] groupSizes, boolean[] results, List<BodyProblem> warnings) {
    int conditions = 0;
    for (int size : groupSizes) {
      conditions += size;
    }
    int stride = 1 + groupSizes.length + conditions;
    int devices = results.length / stride;
    JsonBytes out = new JsonBytes(64 + expression.length() * 2
        + devices * (PER_DEVICE + groupSizes.length * PER_GROUP + conditions * PER_CONDITION));
    out.ascii("{\"expression\":")
        .string(expression)
        .ascii(",\"results\":[");
    int at = 0;
    for (int d = 0; d < devices; d++) {
      out.ascii(d == 0 ? "{\"matched\":" : ",{\"matched\":")
          .bool(results[at++])
          .ascii(",\"groups\":[");
      for (int g = 0; g < groupSizes.length; g++) {
        out.ascii(g == 0 ? "{\"matched\":" : ",{\"matched\":")
            .bool(results[at++])
            .ascii(",\"conditions\":[");
        for (int c = 0; c < groupSizes[g]; c++) {
          if (c > 0) {
            out.ascii(',');
          }
          out.bool(results[at++]);
        }
        out.ascii("]}");
      }
      out.ascii("]}");
    }
    out.ascii(']');
    Warnings.write(warnings, out);
    out.ascii('}');
    return out.toBuffer();
  }
}
