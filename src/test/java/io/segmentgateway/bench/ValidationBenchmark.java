package io.segmentgateway.bench;

import io.segmentgateway.http.JsonBody;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.segment.validation.Validation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU cost of checking a PATCH body: the service's fast check, the same after the service's strict parse of
 * the bytes (JsonBody), and vertx-json-schema on the files in schemas/ for comparison. Run from the project directory (see
 * schemas/README.md): mvn -B test-compile exec:exec@jmh -Djmh.args="ValidationBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidationBenchmark {

  private static final List<String> FILES = List.of("patch-segment.json", "create-segment.json", "members.json",
    "constraints.json", "group.json", "condition.json");

  @Param({"typical", "tenByTen", "worstValid", "worstInvalidEmpty", "worstInvalidFields", "worstInvalidMembers"})
  public String body;

  private final SegmentValidator validator = SegmentValidator.create();
  private Validator reference;
  private Buffer bytes;
  private Object decoded;

  @Setup
  public void setUp() throws IOException {
    bytes = Buffer.buffer(BenchBodies.of(body));
    decoded = Json.decodeValue(bytes);
    SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setBaseUri("https://segment-gateway.local/schemas/")
      .setOutputFormat(OutputFormat.Basic));
    for (String file : FILES) {
      String text = Files.readString(Path.of("schemas", file), StandardCharsets.UTF_8);
      repository.dereference(JsonSchema.of(new JsonObject(text)));
    }
    reference = repository.validator("patch-segment.json");
    boolean expected = !body.startsWith("worstInvalid");
    if (validator.checkPatch(decoded).valid() != expected || reference.validate(decoded).getValid() != expected) {
      throw new IllegalStateException("unexpected verdict on " + body);
    }
  }

  @Benchmark
  public Validation fastCheck() {
    return validator.checkPatch(decoded);
  }

  @Benchmark
  public Validation decodeAndFastCheck() {
    return validator.checkPatch(JsonBody.parse(bytes));
  }

  @Benchmark
  public OutputUnit vertxJsonSchema() {
    return reference.validate(decoded);
  }
}
