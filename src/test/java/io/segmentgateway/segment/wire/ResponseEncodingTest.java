package io.segmentgateway.segment.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.http.BodyProblem;
import io.segmentgateway.support.JsonbText;
import io.segmentgateway.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Property test: SegmentWriter writes the bytes that the former way gave — decode the jsonb text as the
 * PostgreSQL client does, SegmentJson.toJson (canonicalOrder), JsonObject.toBuffer() — for random segments whose
 * constraints PostgreSQL itself turned into jsonb's text form.
 *
 * <p>Each run draws a new seed (printed with the counts); -Dencoding.seed=N replays a run and -Dencoding.rows=N
 * changes how many segments it writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseEncodingTest {

  private static final int ROWS = Integer.getInteger("encoding.rows", 3_000);
  private static final long SEED = Long.getLong("encoding.seed", System.nanoTime());
  private static final String JSONB_TEXT = "SELECT t::jsonb::text FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n)"
      + " ORDER BY n";

  private final List<List<Object>> trees = new ArrayList<>();
  private final List<SegmentRow> rows = new ArrayList<>();
  private final List<List<BodyProblem>> warnings = new ArrayList<>();

  @BeforeAll
  void generate() throws SQLException {
    SegmentSamples samples = new SegmentSamples(new Random(SEED));
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      List<Object> tree = samples.constraints();
      trees.add(tree);
      sent.add(Json.encode(tree));
    }
    List<String> stored = jsonbText(sent);
    for (int i = 0; i < ROWS; i++) {
      rows.add(new SegmentRow(samples.anyText(3), samples.anyText(8), samples.anyText(12), stored.get(i),
          samples.number(), samples.number(), samples.number()));
      List<BodyProblem> some = new ArrayList<>();
      for (int w = samples.number() % 3 == 0 ? 2 : 0; w > 0; w--) {
        some.add(new BodyProblem(samples.anyText(3), samples.anyText(10), BodyProblem.Source.RULE));
      }
      warnings.add(some);
    }
  }

  @Test
  void everySegmentIsWrittenByteForByteAsBefore() {
    int fast = 0;
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      SegmentRow row = rows.get(i);
      String before = before(row, warnings.get(i)).toString();
      String now = SegmentWriter.segment(row, warnings.get(i)).toString();
      if (!now.equals(before) && differing.size() < 3) {
        differing.add("stored " + row.constraints() + "\nbefore " + before + "\nnow    " + now);
      }
      fast += StoredConstraints.transcode(row.constraints(), new JsonBytes(64)) ? 1 : 0;
    }
    System.out.println("response encoding: seed " + SEED + ", " + ROWS + " segments, " + fast
        + " of them copied from jsonb's text, the others decoded (not of the stored shape)");
    assertThat(differing).as("seed " + SEED).isEmpty();
    assertThat(fast).as("segments of the stored shape").isGreaterThan(ROWS * 3 / 4);
    assertThat(fast).as("segments of another shape").isLessThan(ROWS);
  }

  @Test
  void everyPageIsWrittenByteForByteAsBefore() {
    Random random = new Random(SEED);
    for (int from = 0; from < ROWS; ) {
      int to = Math.min(ROWS, from + random.nextInt(6));
      List<SegmentRow> page = rows.subList(from, to);
      String next = random.nextBoolean() ? null : page.isEmpty() ? "" : page.get(0).name();
      JsonArray items = new JsonArray();
      page.forEach(row -> items.add(beforeJson(row)));
      Buffer before = new JsonObject().put("items", items).put("next", next).toBuffer();
      assertThat(SegmentWriter.page(page, next).toString()).as("seed " + SEED).isEqualTo(before.toString());
      from = to;
    }
  }

  /** A row with the jsonb column itself rather than its text: the client decodes it, SegmentRow encodes it. */
  @Test
  void constraintsTheClientDecodedAreWrittenByteForByteAsBefore() {
    for (int i = 0; i < ROWS; i++) {
      SegmentRow row = rows.get(i);
      SegmentRow decoded = new SegmentRow(row.id(), row.name(), row.description(),
          SegmentRow.constraintsText(new JsonArray(row.constraints())), row.version(), row.createdAt(),
          row.updatedAt());
      assertThat(SegmentWriter.segment(decoded, List.of()).toString()).as("seed " + SEED + ", segment " + i)
          .isEqualTo(before(row, List.of()).toString());
    }
  }

  /** The benchmarks build their input with JsonbText; it must be what PostgreSQL returns. */
  @Test
  void jsonbTextWrittenWithoutADatabaseIsPostgresqls() {
    for (int i = 0; i < ROWS; i++) {
      assertThat(JsonbText.of(trees.get(i))).as("seed " + SEED).isEqualTo(rows.get(i).constraints());
    }
  }

  @Test
  void everyCharacterIsWrittenAsJacksonWritesIt() throws SQLException {
    StringBuilder every = new StringBuilder();
    StringBuilder storable = new StringBuilder();
    for (int c = 1; c <= Character.MAX_VALUE; c++) {
      every.append((char) c);
      if (!Character.isSurrogate((char) c)) {
        storable.append((char) c);
      }
    }
    storable.append("\uD83D\uDE00\uD800\uDC00\uDBFF\uDFFF");
    JsonArray tree = new JsonArray().add(new JsonObject()
        .put("type", storable.toString())
        .put("constraints", new JsonArray().add(new JsonObject()
            .put("field", "f")
            .put("relation", storable.toString())
            .put("value", storable.toString()))));
    String stored = jsonbText(List.of(tree.encode())).get(0);
    SegmentRow row = new SegmentRow("seg_x", every.toString(), storable.toString(), stored, 1, 2, 3);
    assertThat(StoredConstraints.transcode(stored, new JsonBytes(16))).isTrue();
    assertThat(SegmentWriter.segment(row, List.of()).toString()).isEqualTo(before(row, List.of()).toString());
  }

  @Test
  void theDocumentedExampleIsWrittenInTheDocumentedOrder() {
    String stored = "[{\"type\": \"AND\", \"constraints\": ["
        + "{\"field\": \"country\", \"value\": \"PL\", \"relation\": \"==\"}, "
        + "{\"field\": \"type\", \"value\": \"phone\", \"relation\": \"==\"}]}]";
    SegmentRow row = new SegmentRow("seg_jfeZ4NrGegjV9", "Android phones in Poland", "optional free text", stored, 3,
        1771924492768L, 1771924499001L);
    assertThat(SegmentWriter.segment(row, List.of()).toString()).isEqualTo("{\"id\":\"seg_jfeZ4NrGegjV9\","
        + "\"name\":\"Android phones in Poland\",\"description\":\"optional free text\",\"constraints\":["
        + "{\"type\":\"AND\",\"constraints\":[{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"},"
        + "{\"field\":\"type\",\"relation\":\"==\",\"value\":\"phone\"}]}],"
        + "\"version\":3,\"createdAt\":1771924492768,\"updatedAt\":1771924499001}");
  }

  /** The former way: what the client decoded from jsonb, in canonical order, encoded by Jackson. */
  private static Buffer before(SegmentRow row, List<BodyProblem> warnings) {
    JsonObject body = beforeJson(row);
    if (!warnings.isEmpty()) {
      body.put("warnings", SegmentJson.warnings(warnings));
    }
    return body.toBuffer();
  }

  private static JsonObject beforeJson(SegmentRow row) {
    return SegmentJson.toJson(row.id(), row.name(), row.description(), new JsonArray(row.constraints()),
        row.version(), row.createdAt(), row.updatedAt());
  }

  /** PostgreSQL's text form of each JSON text as jsonb, in one round trip. */
  private static List<String> jsonbText(List<String> texts) throws SQLException {
    List<String> out = new ArrayList<>(texts.size());
    try (Connection connection = TestDatabase.connect(TestDatabase.admin());
        PreparedStatement statement = connection.prepareStatement(JSONB_TEXT)) {
      Array array = connection.createArrayOf("text", texts.toArray());
      statement.setArray(1, array);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          out.add(result.getString(1));
        }
      }
    }
    return out;
  }
}
