package io.segmentgateway.bench;

import io.segmentgateway.http.JsonBody;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.segment.validation.Validation;
import io.segmentgateway.segment.wire.ConstraintsText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
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
 * The CPU cost of turning a PATCH body into what the UPDATE stores. The canonical form (aliases to canonical
 * relations, exists without a value to true, members in the documented order) is built in the validator's one
 * pass over the body, so it is measured with it; the text sent for $5::text::jsonb is written from that tree by
 * ConstraintsText (storedText), which replaced Jackson's Json.encode (jacksonText). mvn -B test-compile exec:exec@jmh -Djmh.args="CanonicalisationBenchmark -f 1"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CanonicalisationBenchmark {

  @Param({"typical", "tenByTen"})
  public String body;

  private final SegmentValidator validator = SegmentValidator.create();
  private Buffer bytes;
  private Object decoded;
  private JsonArray canonical;

  @Setup
  public void setUp() {
    bytes = Buffer.buffer(BenchBodies.of(body));
    decoded = Json.decodeValue(bytes);
    canonical = validator.checkPatch(decoded).input().constraints();
  }

  /** Validation and the canonical tree, from the decoded body. */
  @Benchmark
  public Validation checkAndCanonicalise() {
    return validator.checkPatch(decoded);
  }

  /** The canonical constraints as the JSON text the UPDATE sends ($5::text::jsonb). */
  @Benchmark
  public String storedText() {
    return ConstraintsText.of(canonical);
  }

  /** The same text by Jackson, as before ConstraintsText. */
  @Benchmark
  public String jacksonText() {
    return Json.encode(canonical);
  }

  /** The whole of it: request bytes to the text of $5. */
  @Benchmark
  public String decodeCheckAndEncode() {
    return ConstraintsText.of(validator.checkPatch(JsonBody.parse(bytes)).input().constraints());
  }
}
