package io.segmentgateway.segment.wire;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random segment values, leaning on what JSON writers get wrong: quotes, backslashes, every control character,
 * two-, three- and four-byte UTF-8, U+2028, U+FFFF, numbers at the edges of int and long and past them. Most
 * constraints have the shape the service stores; some have another (members added or missing, fractions, nested
 * values, groups that are not objects), which the writer must answer just as well.
 */
final class SegmentSamples {

  private static final String[] PIECES = {"a", "Z", "7", " ", "\"", "\\", "/", "'", "<", "&", "\u007F", "\u0080",
    "é", "ł", "\u07FF", "\u0800", "中", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\uFFFF", "\uD83D\uDE00",
    "\uD834\uDD1E", "\uDBFF\uDFFF", "\\u0041", "\\n", "u00e9"};
  private static final long[] EDGES = {0, 1, 9, 10, 99, 100, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
    999_999_999_999_999_999L, 1_000_000_000_000_000_000L, 1771924492768L, Long.MAX_VALUE, -1, Long.MIN_VALUE};

  private final Random random;

  SegmentSamples(Random random) {
    this.random = random;
  }

  /** A string PostgreSQL can store: no U+0000, no unpaired surrogate. */
  String text(int maxPieces) {
    StringBuilder out = new StringBuilder();
    int pieces = random.nextInt(maxPieces + 1);
    for (int i = 0; i < pieces; i++) {
      out.append(random.nextInt(5) == 0 ? String.valueOf((char) (1 + random.nextInt(0x1F)))
          : PIECES[random.nextInt(PIECES.length)]);
    }
    return out.toString();
  }

  /** Any Java string but U+0000, for members that reach the writer without passing PostgreSQL's jsonb. */
  String anyText(int maxPieces) {
    String text = text(maxPieces);
    if (random.nextInt(8) != 0) {
      return text;
    }
    int at = random.nextInt(text.length() + 1);
    String lone = random.nextBoolean() ? "\uD800" : "\uDFFF";
    return text.substring(0, at) + lone + text.substring(at);
  }

  long number() {
    return random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
  }

  /** Groups of conditions, as a tree of Maps and Lists; one in ten lists is not of the stored shape. */
  List<Object> constraints() {
    int groups = random.nextInt(20) == 0 ? 0 : random.nextInt(10) == 0 ? 10 : 1 + random.nextInt(3);
    boolean offShape = random.nextInt(10) == 0;
    List<Object> list = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      int conditions = groups == 10 ? 10 : 1 + random.nextInt(4);
      List<Object> inner = new ArrayList<>();
      for (int c = 0; c < conditions; c++) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("field", random.nextInt(4) == 0 ? scalar() : text(4));
        condition.put("relation", random.nextInt(8) == 0 ? scalar() : text(2));
        condition.put("value", scalar());
        inner.add(condition);
      }
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("type", random.nextInt(8) == 0 ? scalar() : random.nextBoolean() ? "AND" : "OR");
      group.put("constraints", inner);
      list.add(group);
    }
    if (offShape) {
      offShape(list);
    }
    return list;
  }

  private Object scalar() {
    return switch (random.nextInt(8)) {
      case 0, 1, 2 -> text(6);
      case 3 -> random.nextInt(Integer.MAX_VALUE);
      case 4, 5 -> number();
      case 6 -> random.nextBoolean();
      default -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private void offShape(List<Object> groups) {
    if (groups.isEmpty()) {
      groups.add(random.nextBoolean() ? "not a group" : 7);
      return;
    }
    Map<String, Object> group = (Map<String, Object>) groups.get(random.nextInt(groups.size()));
    List<Object> conditions = (List<Object>) group.get("constraints");
    Map<String, Object> condition = (Map<String, Object>) conditions.get(random.nextInt(conditions.size()));
    switch (random.nextInt(11)) {
      case 0 -> condition.put(text(2) + "x", scalar());
      case 1 -> condition.remove(random.nextBoolean() ? "field" : "relation");
      case 2 -> condition.put("value", random.nextInt(400) / 4.0 + 0.25);
      case 3 -> condition.put("value", Map.of("nested", List.of(1, "two", Map.of())));
      case 4 -> group.put("extra", scalar());
      case 5 -> group.remove(random.nextBoolean() ? "type" : "constraints");
      case 6 -> group.put("constraints", random.nextBoolean() ? "not a list" : Map.of());
      case 7 -> conditions.set(0, random.nextBoolean() ? List.of() : text(3));
      case 8 -> groups.add(random.nextInt(groups.size() + 1), random.nextBoolean() ? List.of("x") : null);
      case 9 -> condition.put("value", new BigInteger(64 + random.nextInt(64), random).negate());
      default -> condition.put("value", new ArrayList<>(Arrays.asList(scalar(), scalar())));
    }
  }
}
