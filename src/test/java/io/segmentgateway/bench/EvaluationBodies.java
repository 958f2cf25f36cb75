package io.segmentgateway.bench;

import io.segmentgateway.segment.validation.ConstraintRules;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The bodies of POST /v1/segments/evaluate that EvaluationBenchmark measures, as JSON text: a typical call, and the
 * worst calls the limits let through, each as large as the body limit allows.
 */
final class EvaluationBodies {

  /** The largest body the event loop checks itself (EvaluateHandlers.ON_LOOP_BYTES): the worst calls fill it. */
  static final int LIMIT = 48 * 1024;
  /** What the largest constraints leave of the body for their devices. */
  private static final int ROOM_FOR_DEVICES = 6 * 1024;

  private EvaluationBodies() {
  }

  /** variant: bodies that differ only where it matters (the names of worstInvalid), so that no call sees the last's. */
  static String of(String name, int variant) {
    String body = switch (name) {
      case "typical" -> typical();
      case "worstContains" -> worstContains();
      case "worstTags" -> worstTags();
      case "worstAnswer" -> worstAnswer();
      case "worstConstraints" -> worstConstraints();
      case "worstInvalid" -> worstInvalid(variant);
      default -> throw new IllegalArgumentException(name);
    };
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    if (size > LIMIT) {
      throw new IllegalStateException(name + " is " + size + " bytes, over the limit");
    }
    return body;
  }

  /** The typical PATCH body's 2 groups × 3 conditions, and 100 devices of about ten members. */
  static String typical() {
    StringJoiner devices = new StringJoiner(",", "[", "]");
    for (int d = 0; d < 100; d++) {
      devices.add("{\"id\":\"device-" + d + "\",\"type\":\"" + (d % 3 == 0 ? "tablet" : "phone") + "\",\"country\":\""
        + (d % 2 == 0 ? "PL" : "DE") + "\",\"language\":\"pol\",\"timezone\":\"Europe/Warsaw\",\"appVersionCode\":"
        + (118 + d % 5) + ",\"lastSession\":" + (1771924492768L + d * 1000) + ",\"deviceModel\":\"Galaxy S23\","
        + "\"deviceManufacturer\":\"Samsung\",\"tags\":[\"beta\",\"vip\"]}");
    }
    return "{\"constraints\":" + BenchBodies.TYPICAL_CONSTRAINTS + ",\"devices\":" + devices + "}";
  }

  /**
   * As many characters read by contains conditions as one call may read (MAX_READ_CHARACTERS), in the shape that
   * makes substring search slowest: each device's value is 256 a's and each needle 127 a's and another letter, so
   * that a naive search would compare at every position. One group of ten such conditions, as many devices as the
   * limit allows, each carrying as many tags as the body has room for.
   */
  static String worstContains() {
    int conditions = ConstraintRules.MAX_CONDITIONS;
    StringJoiner list = new StringJoiner(",", "[{\"type\":\"OR\",\"constraints\":[", "]}]");
    for (int c = 0; c < conditions; c++) {
      list.add("{\"field\":\"deviceModel\",\"relation\":\"contains\",\"value\":\"" + "a".repeat(127)
        + (char) ('b' + c) + "\"}");
    }
    int devices = Math.min(ConstraintRules.MAX_DEVICES, Math.min(ConstraintRules.MAX_EVALUATED_CONDITIONS / conditions,
      ConstraintRules.MAX_READ_CHARACTERS / (conditions * ConstraintRules.MAX_VALUE_LENGTH)));
    return withTags("{\"constraints\":" + list + ",\"devices\":[",
      "{\"deviceModel\":\"" + "a".repeat(ConstraintRules.MAX_VALUE_LENGTH) + "\",", devices);
  }

  /**
   * The largest constraints there may be, as the worst PATCH body of ValidationBenchmark holds them (100 groups of
   * 10: format checks in every condition, or ten conditions on one field compared pairwise for warnings), on as
   * many devices as the limit on evaluated conditions allows, each carrying as many tags as the body has room for.
   */
  static String worstConstraints() {
    StringJoiner groups = new StringJoiner(",", "[", "]");
    int count = 0;
    while (count < ConstraintRules.MAX_GROUPS && groups.length() < LIMIT - ROOM_FOR_DEVICES) {
      groups.add(BenchBodies.group("AND", count % 2 == 0 ? BenchBodies.FORMATS : BenchBodies.SAME_FIELD));
      count++;
    }
    int devices = ConstraintRules.MAX_EVALUATED_CONDITIONS / (count * ConstraintRules.MAX_CONDITIONS);
    return withTags("{\"constraints\":" + groups + ",\"devices\":[",
      "{\"email\":\"first.last@example.co.uk\",\"timezone\":\"Europe/Warsaw\",\"sessionCount\":7,", devices);
  }

  /**
   * The costliest body to refuse: as many distinct unknown member names as fit, in one device, and other names in
   * each variant: the decoder adds each name it has not seen to its table, which is dearer than finding it there
   * (ValidationBenchmark's worstInvalidMembers, for devices).
   */
  static String worstInvalid(int variant) {
    String prefix = Integer.toString(variant, Character.MAX_RADIX) + "k";
    StringBuilder out = new StringBuilder("{\"constraints\":[],\"devices\":[{\"" + prefix + "0\":0");
    for (int i = 1; out.length() < LIMIT - 32; i++) {
      out.append(",\"").append(prefix).append(i).append("\":0");
    }
    return out.append("}]}").toString();
  }

  /**
   * head, then count devices, each its opening members and as many tags as the room left holds (at most a hundred),
   * each as long as it allows.
   */
  private static String withTags(String head, String open, int count) {
    String members = open + "\"tags\":[";
    int room = (LIMIT - head.length() - 2) / count - members.length() - 3;
    int tagCount = Math.max(0, Math.min(ConstraintRules.MAX_TAGS, room / 4));
    int length = tagCount == 0 ? 1 : Math.max(1, Math.min(ConstraintRules.MAX_VALUE_LENGTH, room / tagCount - 3));
    StringJoiner tags = new StringJoiner(",", "", "");
    for (int t = 0; t < tagCount; t++) {
      tags.add("\"" + (t + "-" + "t".repeat(length)).substring(0, length) + "\"");
    }
    StringJoiner all = new StringJoiner(",", head, "]}");
    for (int d = 0; d < count; d++) {
      all.add(members + tags + "]}");
    }
    return all.toString();
  }

  /**
   * As many devices as the body holds with a hundred two-character tags each (the densest tokens a body can hold),
   * and as many tag conditions as the limit on evaluated conditions allows for them.
   */
  static String worstTags() {
    int devices = Math.min(ConstraintRules.MAX_DEVICES, LIMIT / (ConstraintRules.MAX_TAGS * 5 + 32));
    int conditions = Math.max(1, Math.min(ConstraintRules.MAX_GROUPS * ConstraintRules.MAX_CONDITIONS,
      ConstraintRules.MAX_EVALUATED_CONDITIONS / devices));
    StringJoiner groups = new StringJoiner(",", "[", "]");
    for (int c = 0; c < conditions; c += ConstraintRules.MAX_CONDITIONS) {
      StringJoiner list = new StringJoiner(",", "{\"type\":\"OR\",\"constraints\":[", "]}");
      for (int k = c; k < Math.min(conditions, c + ConstraintRules.MAX_CONDITIONS); k++) {
        list.add("{\"field\":\"tags\",\"relation\":\"" + (k % 2 == 0 ? "==" : "!=") + "\",\"value\":\"" + tag(k) + "\"}");
      }
      groups.add(list.toString());
    }
    StringJoiner tags = new StringJoiner(",", "[", "]");
    for (int t = 0; t < ConstraintRules.MAX_TAGS; t++) {
      tags.add("\"" + tag(t * 7) + "\"");
    }
    String head = "{\"constraints\":" + groups + ",\"devices\":[";
    String device = "{\"tags\":" + tags + ",\"deviceModel\":\"";
    return fill(head, device, "\"}", "]}", Math.min(devices, (LIMIT - head.length() - 2) / (device.length() + 3)));
  }

  /**
   * The largest answer: groups of one numeric condition each, as many as the limit on evaluated conditions leaves
   * for a thousand devices, so that every condition result comes with a group result.
   */
  static String worstAnswer() {
    int devices = ConstraintRules.MAX_DEVICES;
    int groups = Math.max(1, Math.min(ConstraintRules.MAX_GROUPS, ConstraintRules.MAX_EVALUATED_CONDITIONS / devices));
    StringJoiner list = new StringJoiner(",", "[", "]");
    for (int g = 0; g < groups; g++) {
      list.add("{\"type\":\"AND\",\"constraints\":[{\"field\":\"sessionCount\",\"relation\":\">=\",\"value\":" + g
        + "}]}");
    }
    return fill("{\"constraints\":" + list + ",\"devices\":[", "{\"sessionCount\":50,\"deviceModel\":\"", "\"}", "]}",
      devices);
  }

  /** Two-character tags from an alphabet of 62 letters and digits. */
  private static String tag(int i) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    return "" + alphabet.charAt(i % 62) + alphabet.charAt((i / 62) % 62);
  }

  /**
   * head, then count devices, each the device's opening, padding (x's, at most 256) that brings the body to the
   * limit, and its closing, then the tail.
   */
  private static String fill(String head, String open, String close, String tail, int count) {
    int fixed = head.length() + tail.length() + count * (open.length() + close.length() + 1);
    int pad = Math.max(0, Math.min(256, (LIMIT - fixed) / count));
    StringJoiner devices = new StringJoiner(",", head, tail);
    String padding = "x".repeat(pad);
    for (int d = 0; d < count; d++) {
      devices.add(open + padding + close);
    }
    return devices.toString();
  }
}
