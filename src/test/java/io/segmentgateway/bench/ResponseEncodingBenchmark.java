package io.segmentgateway.bench;

import io.segmentgateway.segment.validation.SegmentInput;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.segmentgateway.segment.wire.SegmentJson;
import io.segmentgateway.segment.wire.SegmentRow;
import io.segmentgateway.segment.wire.SegmentWriter;
import io.segmentgateway.support.JsonbText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.util.List;
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
 * The CPU cost of a segment response body, from the row the database returned: the former way (the client
 * decodes the jsonb column into a tree, SegmentJson rebuilds it in canonical order, Jackson encodes the whole)
 * against SegmentWriter on the column's text. No database: the row is the one PostgreSQL returns for the body
 * after validation, its constraints as jsonb's text form (JsonbText, which ResponseEncodingTest checks against
 * PostgreSQL). mvn -B test-compile exec:exec@jmh -Djmh.args="ResponseEncodingBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseEncodingBenchmark {

  private static final long CREATED_AT = 1771924492768L;
  private static final long UPDATED_AT = 1771924499001L;

  @Param({"typical", "tenByTen"})
  public String body;

  private SegmentRow row;
  private JsonArray decoded;

  @Setup
  public void setUp() {
    SegmentInput input = SegmentValidator.create().checkPatch(Json.decodeValue(BenchBodies.of(body))).input();
    row = new SegmentRow(input.id(), input.name(), "", JsonbText.of(input.constraints()), 3, CREATED_AT, UPDATED_AT);
    decoded = new JsonArray(row.constraints());
    if (!oldEncode().equals(newEncode()) || !newEncode().equals(newFromDecodedJsonb())) {
      throw new IllegalStateException("the ways disagree on " + body);
    }
  }

  /** After the client decoded the jsonb column: canonical order, then Jackson. */
  @Benchmark
  public Buffer oldEncode() {
    return encode(decoded);
  }

  /** The same with the client's decoding of the jsonb column (a Jackson parse into a tree). */
  @Benchmark
  public Buffer oldDecodeAndEncode() {
    return encode(new JsonArray(row.constraints()));
  }

  /** The column read as text (WIRE_COLUMNS): copied into the response, reordered as it goes. */
  @Benchmark
  public Buffer newEncode() {
    return SegmentWriter.segment(row, List.of());
  }

  /**
   * A statement that returns the jsonb column itself rather than its text (as INSERT and UPDATE did before):
   * the client's tree is encoded again as SegmentRow.of does, then copied as above.
   */
  @Benchmark
  public Buffer newFromDecodedJsonb() {
    JsonArray constraints = new JsonArray(row.constraints());
    return SegmentWriter.segment(new SegmentRow(row.id(), row.name(), row.description(), Json.encode(constraints),
        row.version(), row.createdAt(), row.updatedAt()), List.of());
  }

  private Buffer encode(JsonArray constraints) {
    return SegmentJson.toJson(row.id(), row.name(), row.description(), constraints, row.version(), row.createdAt(),
        row.updatedAt()).toBuffer();
  }
}
