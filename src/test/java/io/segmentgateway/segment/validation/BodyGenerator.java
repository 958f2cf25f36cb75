package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.segmentgateway.segment.validation.JsonText.Raw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates schema-valid segment bodies as trees (LinkedHashMap, ArrayList, String, Number, Boolean, Raw),
 * leaning on the edges: lengths at their limits, non-BMP characters, whitespace around names, number
 * literals in every form Jackson reads as an integer.
 */
final class BodyGenerator {

  static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /** Characters that look like spaces but are not trimmed: zero-width space, BOM, Mongolian vowel separator. */
  static final String NOT_TRIMMED = "\u200B\uFEFF\u180E";
  private static final String[] PIECES = {"a", "Z", "7", " ", "-", "é", "ł", "中", "\uD83D\uDE00", "\uD834\uDD1E",
    "\t", "\u00A0", "_", "@", ".", "/", "~"};
  private static final Field[] FIELDS = ConstraintRules.fields().values().toArray(new Field[0]);

  final Random random;

  BodyGenerator(Random random) {
    this.random = random;
  }

  Map<String, Object> patch() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id());
    int members = 0;
    while (members == 0) {
      members += maybe(body, "name", 0.6) + maybe(body, "description", 0.4) + maybe(body, "constraints", 0.7);
    }
    return shuffled(body);
  }

  Map<String, Object> create() {
    Map<String, Object> body = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      body.put("id", id());
    }
    body.put("name", name());
    maybe(body, "description", 0.4);
    body.put("constraints", constraints());
    return shuffled(body);
  }

  /** {devices}: the body of POST /v1/segments/{id}/evaluate. */
  Map<String, Object> evaluateSegment() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("devices", devices());
    return body;
  }

  /** {constraints, devices}: the body of POST /v1/segments/evaluate. */
  Map<String, Object> evaluateConstraints() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("constraints", constraints());
    body.put("devices", devices());
    return shuffled(body);
  }

  /** Mostly a few devices; now and then the most there may be, each of them small. */
  List<Object> devices() {
    boolean many = random.nextInt(200) == 0;
    int count = many ? ConstraintRules.MAX_DEVICES - random.nextInt(2) : 1 + random.nextInt(4);
    List<Object> devices = new ArrayList<>(count);
    for (int d = 0; d < count; d++) {
      devices.add(device(many ? 2 : FIELDS.length));
    }
    return devices;
  }

  /** Up to members distinct fields, each with a value of its field's type, lengths and numbers at their edges. */
  Map<String, Object> device(int members) {
    Map<String, Object> device = new LinkedHashMap<>();
    for (int m = random.nextInt(members + 1); m > 0; m--) {
      Field field = FIELDS[random.nextInt(FIELDS.length)];
      device.put(field.name(), switch (field.type()) {
        case STRING -> random.nextInt(4) == 0 && field.rule() != ValueRule.ANY
          ? ValueSamples.valid(field.rule(), random)
          : core(pick(0, ConstraintRules.MAX_VALUE_LENGTH, random.nextInt(16)));
        case INT, LONG -> number(field.type());
        case TAGS -> tags();
      });
    }
    return device;
  }

  private List<Object> tags() {
    int count = pick(0, ConstraintRules.MAX_TAGS, random.nextInt(5));
    List<Object> tags = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      tags.add(core(pick(ConstraintRules.MIN_VALUE_LENGTH, ConstraintRules.MAX_VALUE_LENGTH, 1 + random.nextInt(10))));
    }
    return tags;
  }

  private int maybe(Map<String, Object> body, String member, double chance) {
    if (random.nextDouble() >= chance) {
      return 0;
    }
    body.put(member, member.equals("name") ? name() : member.equals("description") ? description() : constraints());
    return 1;
  }

  String id() {
    int length = pick(1, ConstraintRules.ID_MAX_CHARS, 1 + random.nextInt(20));
    return ConstraintRules.ID_PREFIX + text(ALNUM, length);
  }

  String name() {
    int length = pick(ConstraintRules.MIN_NAME_LENGTH, ConstraintRules.MAX_NAME_LENGTH, 1 + random.nextInt(40));
    String core = core(length);
    return padding() + core + padding();
  }

  String description() {
    return core(pick(0, ConstraintRules.MAX_DESCRIPTION_LENGTH, random.nextInt(60)));
  }

  List<Object> constraints() {
    int groups = random.nextInt(40) == 0 ? ConstraintRules.MAX_GROUPS - random.nextInt(2) : random.nextInt(4);
    List<Object> list = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      list.add(group(groups > 10 ? 1 + random.nextInt(2) : pick(1, ConstraintRules.MAX_CONDITIONS,
        1 + random.nextInt(4))));
    }
    return list;
  }

  Map<String, Object> group(int conditions) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("type", random.nextBoolean() ? "AND" : "OR");
    List<Object> list = new ArrayList<>(conditions);
    for (int c = 0; c < conditions; c++) {
      list.add(condition());
    }
    group.put("constraints", list);
    return shuffled(group);
  }

  Map<String, Object> condition() {
    Field field = FIELDS[random.nextInt(FIELDS.length)];
    List<Relation> relations = SchemaGenerator.relationsFor(field.type());
    Relation relation = relations.get(random.nextInt(relations.size()));
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("field", field.name());
    condition.put("relation", spelling(relation));
    if (relation == Relation.EXISTS) {
      if (random.nextInt(3) > 0) {
        condition.put("value", random.nextBoolean());
      }
    } else {
      condition.put("value", value(field, relation));
    }
    return shuffled(condition);
  }

  /** Canonical form or an alias, in a random mix of letter cases. */
  String spelling(Relation relation) {
    List<String> spellings = new ArrayList<>(relation.aliases());
    spellings.add(relation.canonical());
    String spelling = spellings.get(random.nextInt(spellings.size()));
    if (random.nextInt(3) > 0) {
      return spelling;
    }
    StringBuilder mixed = new StringBuilder();
    for (char c : spelling.toCharArray()) {
      mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return mixed.toString();
  }

  Object value(Field field, Relation relation) {
    if (field.type().numeric()) {
      return number(field.type());
    }
    boolean formatted = field.type() == FieldType.STRING && field.rule() != ValueRule.ANY
      && (relation == Relation.EQUALS || relation == Relation.NOT_EQUALS);
    if (formatted && random.nextInt(4) > 0) {
      return ValueSamples.valid(field.rule(), random);
    }
    return core(pick(ConstraintRules.MIN_VALUE_LENGTH, ConstraintRules.MAX_VALUE_LENGTH, 1 + random.nextInt(16)));
  }

  /** An integer of the type's range, in one of the literal forms that read as an integer. */
  Object number(FieldType type) {
    long max = type.max();
    long v = switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> max;
      case 2 -> max - random.nextInt(3);
      case 3 -> random.nextInt(1000);
      default -> (long) (random.nextDouble() * max);
    };
    return switch (random.nextInt(8)) {
      case 0 -> new Raw(v + ".0");
      case 1 -> new Raw(v == 0 ? "-0.0" : v < 1_000_000 ? v + "e0" : (v / 1000) * 1000 / 1000 + "e3");
      case 2 -> type == FieldType.INT ? (Object) (int) v : (Object) v;
      default -> v;
    };
  }

  /** Text of exactly that many characters (code points), never starting or ending with trimmed ones. */
  String core(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      boolean edge = i == 0 || i == length - 1;
      if (edge && piece.length() == 1 && Text.trimmed(piece.charAt(0))) {
        piece = "x";
      }
      out.append(piece);
    }
    return out.toString();
  }

  String padding() {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(4) == 0 ? random.nextInt(4) : 0;
    for (int i = 0; i < n; i++) {
      out.append(ConstraintRules.TRIMMED.charAt(random.nextInt(ConstraintRules.TRIMMED.length())));
    }
    return out.toString();
  }

  String text(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** Often a limit or its neighbour inside the range, else the usual value. */
  int pick(int min, int max, int usual) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      case 2 -> Math.max(min, max - 1);
      default -> Math.min(max, Math.max(min, usual));
    };
  }

  <V> Map<String, V> shuffled(Map<String, V> map) {
    if (random.nextInt(3) > 0) {
      return map;
    }
    List<String> keys = new ArrayList<>(map.keySet());
    Collections.shuffle(keys, random);
    Map<String, V> copy = new LinkedHashMap<>();
    keys.forEach(key -> copy.put(key, map.get(key)));
    return copy;
  }
}
