package io.segmentgateway.bench;

import io.segmentgateway.http.JsonBody;
import io.segmentgateway.http.Problem;
import io.segmentgateway.segment.EvaluateHandlers;
import io.segmentgateway.segment.validation.EvaluateValidation;
import io.segmentgateway.segment.validation.EvaluateValidator;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The event loop's work for one POST /v1/segments/evaluate, from the body's bytes to the answer's: strict parse,
 * check, evaluation of every device, expression and encoding (call), or the problem of a body it refuses; and the
 * parse alone. For a typical call (2 groups × 3 conditions, 100 devices) and the worst calls the limits let through
 * (EvaluationBodies). The average and the percentiles of single calls: on a machine that other work shares, the
 * median is what a call costs when it is not descheduled. Run from the project directory:
 * mvn -B test-compile exec:exec@jmh -Djmh.args="EvaluationBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1"
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {

  @Param({"typical", "worstContains", "worstTags", "worstAnswer", "worstConstraints", "worstInvalid"})
  public String body;

  /** Calls take the variants in turn (see EvaluationBodies.of). */
  private static final int VARIANTS = 16;

  private final EvaluateValidator validator = EvaluateValidator.create();
  private final Buffer[] variants = new Buffer[VARIANTS];
  private int next;

  @Setup
  public void setUp() {
    for (int v = 0; v < VARIANTS; v++) {
      variants[v] = Buffer.buffer(EvaluationBodies.of(body, v));
      EvaluateValidation validation = validator.checkUnsaved(JsonBody.parse(variants[v]));
      if (validation.valid() == body.equals("worstInvalid")) {
        throw new IllegalStateException(body + ": unexpected verdict " + validation.problems());
      }
    }
    System.out.println(body + ": " + variants[0].length() + " bytes in, " + call().length() + " bytes out");
  }

  @Benchmark
  public Object parse() {
    return JsonBody.parse(bytes());
  }

  /** The answer's bytes: the evaluation, or the problem that refuses the body, as the failure handler writes it. */
  @Benchmark
  public Buffer call() {
    EvaluateValidation validation = validator.checkUnsaved(JsonBody.parse(bytes()));
    if (!validation.valid()) {
      return Problem.validation(validation.problems()).toJson("0f2dd059f9eecfe7b377a7cf8dddd342").toBuffer();
    }
    return EvaluateHandlers.answer(validation.constraints(), validation.devices(), validation.warnings());
  }

  private Buffer bytes() {
    return variants[next++ & (VARIANTS - 1)];
  }
}
