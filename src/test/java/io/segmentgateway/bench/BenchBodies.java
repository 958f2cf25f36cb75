package io.segmentgateway.bench;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The PATCH bodies the validation benchmarks measure, as JSON text: a typical one, 10 × 10, and the worst
 * bodies that fit in the 64 KiB request limit, valid and invalid.
 */
final class BenchBodies {

  static final int LIMIT = 64 * 1024;
  /** The typical body's constraints: 2 AND/OR groups of 3 conditions, aliases among the relations. */
  static final String TYPICAL_CONSTRAINTS = "[{\"type\":\"AND\",\"constraints\":["
      + "{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"},"
      + "{\"field\":\"type\",\"relation\":\"==\",\"value\":\"phone\"},"
      + "{\"field\":\"appVersionCode\",\"relation\":\">=\",\"value\":120}]},"
      + "{\"type\":\"OR\",\"constraints\":["
      + "{\"field\":\"language\",\"relation\":\"EQUALS\",\"value\":\"pol\"},"
      + "{\"field\":\"timezone\",\"relation\":\"==\",\"value\":\"Europe/Warsaw\"},"
      + "{\"field\":\"lastSession\",\"relation\":\"GTE\",\"value\":1771924492768}]}]";
  private static final String ID = "\"id\":\"seg_jfeZ4NrGegjV9\"";

  private BenchBodies() {
  }

  static String of(String name) {
    String body = switch (name) {
      case "typical" -> typical();
      case "tenByTen" -> tenByTen();
      case "worstValid" -> worstValid();
      case "worstInvalidEmpty" -> fill("{" + ID + ",\"constraints\":[{\"type\":\"AND\",\"constraints\":[", "{}",
        "]}]}");
      case "worstInvalidFields" -> fill("{" + ID + ",\"constraints\":[{\"type\":\"AND\",\"constraints\":[",
        "{\"field\":\"colour\",\"relation\":\"bogus\",\"value\":null}", "]}]}");
      case "worstInvalidMembers" -> unknownMembers();
      default -> throw new IllegalArgumentException(name);
    };
    if (body.getBytes(StandardCharsets.UTF_8).length > LIMIT) {
      throw new IllegalStateException(name + " is over 64 KiB");
    }
    return body;
  }

  /** A name and 2 AND/OR groups of 3 conditions, about 500 bytes. */
  static String typical() {
    return "{" + ID + ",\"name\":\"Android phones in Poland\",\"constraints\":" + TYPICAL_CONSTRAINTS + "}";
  }

  /** 10 groups of 10 varied conditions. */
  static String tenByTen() {
    StringJoiner groups = new StringJoiner(",", "{" + ID + ",\"name\":\"Ten by ten\",\"constraints\":[", "]}");
    for (int g = 0; g < 10; g++) {
      groups.add(group(g % 2 == 0 ? "AND" : "OR", MIXED));
    }
    return groups.toString();
  }

  /**
   * 100 groups of 10: half with a format check in every condition, half with ten conditions on one field
   * that the satisfiability analysis compares pairwise; padded up to the limit with name and description.
   */
  static String worstValid() {
    StringJoiner groups = new StringJoiner(",");
    for (int g = 0; g < 100; g++) {
      groups.add(group("AND", g % 2 == 0 ? FORMATS : SAME_FIELD));
    }
    String name = "   " + "n".repeat(255) + "   ";
    String head = "{" + ID + ",\"name\":\"" + name + "\",\"description\":\"";
    String tail = "\",\"constraints\":[" + groups + "]}";
    int room = LIMIT - head.length() - tail.length();
    return head + "d".repeat(Math.max(0, Math.min(2000, room))) + tail;
  }

  private static String unknownMembers() {
    StringBuilder out = new StringBuilder("{" + ID);
    for (int i = 0; out.length() < LIMIT - 16; i++) {
      out.append(",\"k").append(i).append("\":0");
    }
    return out.append('}').toString();
  }

  /** The head, then as many items as fit, then the tail. */
  private static String fill(String head, String item, String tail) {
    StringBuilder out = new StringBuilder(head);
    int count = (LIMIT - head.length() - tail.length()) / (item.length() + 1);
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",").append(item);
    }
    return out.append(tail).toString();
  }

  static String group(String type, String[] conditions) {
    StringJoiner list = new StringJoiner(",", "{\"type\":\"" + type + "\",\"constraints\":[", "]}");
    for (String condition : conditions) {
      list.add(condition);
    }
    return list.toString();
  }

  private static final String[] MIXED = {
    "{\"field\":\"country\",\"relation\":\"==\",\"value\":\"PL\"}",
    "{\"field\":\"language\",\"relation\":\"EQUALS\",\"value\":\"pol\"}",
    "{\"field\":\"timezone\",\"relation\":\"==\",\"value\":\"Europe/Warsaw\"}",
    "{\"field\":\"email\",\"relation\":\"!=\",\"value\":\"user@example.com\"}",
    "{\"field\":\"type\",\"relation\":\"==\",\"value\":\"phone\"}",
    "{\"field\":\"appVersionCode\",\"relation\":\">=\",\"value\":120}",
    "{\"field\":\"lastSession\",\"relation\":\"lt\",\"value\":1771924492768}",
    "{\"field\":\"deviceModel\",\"relation\":\"starts_with\",\"value\":\"Galaxy\"}",
    "{\"field\":\"tags\",\"relation\":\"contains\",\"value\":\"beta\"}",
    "{\"field\":\"pushToken\",\"relation\":\"exists\"}"};

  static final String[] FORMATS = {
    "{\"field\":\"email\",\"relation\":\"eq\",\"value\":\"first.last@example.co.uk\"}",
    "{\"field\":\"timezone\",\"relation\":\"eq\",\"value\":\"America/Argentina/Buenos_Aires\"}",
    "{\"field\":\"country\",\"relation\":\"Ne\",\"value\":\"PL\"}",
    "{\"field\":\"language\",\"relation\":\"nE\",\"value\":\"pol\"}",
    "{\"field\":\"type\",\"relation\":\"Eq\",\"value\":\"tablet\"}",
    "{\"field\":\"email\",\"relation\":\"ne\",\"value\":\"o'neil+x@mail.example.org\"}",
    "{\"field\":\"timezone\",\"relation\":\"ne\",\"value\":\"Europe/Warsaw\"}",
    "{\"field\":\"country\",\"relation\":\"eQ\",\"value\":\"UK\"}",
    "{\"field\":\"language\",\"relation\":\"EQ\",\"value\":\"ger\"}",
    "{\"field\":\"sessionCount\",\"relation\":\"gte\",\"value\":2147483647}"};

  static final String[] SAME_FIELD = {
    "{\"field\":\"deviceModel\",\"relation\":\"starts_with\",\"value\":\"G\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"starts_with\",\"value\":\"Ga\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"starts_with\",\"value\":\"Gal\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"ends_with\",\"value\":\"3\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"ends_with\",\"value\":\"23\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"contains\",\"value\":\"axy\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"!=\",\"value\":\"Galaxy S22\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"!=\",\"value\":\"Galaxy S21\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"==\",\"value\":\"Galaxy S23\"}",
    "{\"field\":\"deviceModel\",\"relation\":\"exists\",\"value\":true}"};
}
