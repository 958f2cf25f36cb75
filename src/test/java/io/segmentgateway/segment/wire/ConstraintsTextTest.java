package io.segmentgateway.segment.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored constraints text reads back as the tree it was written from, whatever the strings hold. */
class ConstraintsTextTest {

  @Test
  void nullStaysNull() {
    assertThat(ConstraintsText.of(null)).isNull();
  }

  @Test
  void everyKindOfValueReadsBackEqual() {
    JsonArray tree = new JsonArray().add(new JsonObject().put("type", "AND").put("constraints", new JsonArray()
        .add(condition("country", "==", "PL"))
        .add(condition("language", "in", new JsonArray().add("pol").add("eng")))
        .add(condition("sessions", ">=", 5))
        .add(condition("lastSession", "<", Long.MAX_VALUE))
        .add(condition("score", ">", -0.5))
        .add(condition("big", "==", new BigDecimal("12345678901234567890.125")))
        .add(condition("huge", "==", new BigInteger("123456789012345678901234567890")))
        .add(condition("pushEnabled", "==", true))
        .add(condition("tags", "exists", null))
        .add(condition("name", "==", "quote \" backslash \\ slash / tab \t nl \n cr \r nul-free \u0001 \u001f"))
        .add(condition("city", "==", "Łódź 東京 \u2028 \uFFFF 🐢 a\uD83D\uDE00b"))));
    assertRoundTrip(tree);
  }

  @Test
  void randomStringsReadBackEqual() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int n = 0; n < 2_000; n++) {
      JsonArray conditions = new JsonArray();
      for (int i = 0; i < 3; i++) {
        conditions.add(condition(randomText(random), randomText(random), randomText(random)));
      }
      JsonArray tree = new JsonArray().add(new JsonObject().put("type", "OR").put("constraints", conditions));
      assertThat(new JsonArray(ConstraintsText.of(tree))).as("seed %d", seed).isEqualTo(tree);
    }
  }

  private static void assertRoundTrip(JsonArray tree) {
    String text = ConstraintsText.of(tree);
    assertThat(new JsonArray(text)).isEqualTo(new JsonArray(tree.encode()));
  }

  /** Any chars but unpaired surrogates (the validator refuses those): ASCII, controls, BMP, pairs. */
  private static String randomText(Random random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0 -> out.append((char) random.nextInt(0x80));
        case 1 -> out.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
        case 2 -> out.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
        default -> out.append("\"\\\u0000".charAt(random.nextInt(3)));
      }
    }
    return out.toString();
  }

  private static JsonObject condition(String field, String relation, Object value) {
    return new JsonObject().put("field", field).put("relation", relation).put("value", value);
  }
}
