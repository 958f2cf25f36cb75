package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.segmentgateway.segment.validation.JsonText.Raw;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Breaks generated bodies in the ways clients do: wrong types, unknown or missing members, nulls, bad
 * enum spellings, strings and numbers just over the edges, arrays one item too long (groups, conditions, tags,
 * devices), non-object bodies.
 * Some mutations leave the body valid (a known member added where it fits), which is fine: every body is
 * judged by both validators.
 */
final class BodyMutator {

  private static final String[] KEYS = {"foo", "", "~", "/", "a~1b/c", "Field", "value ", "type", "field",
    "relation", "value", "constraints", "name", "id", "description", "devices", "tags", "sessionCount", "deviceModel"};
  private static final Object[] NUMBERS = {-1, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE, 2147483647,
    new Raw("9223372036854775808"), new Raw("-9223372036854775809"), new Raw("1.5"), new Raw("1E400"),
    new Raw("-1E400"), new Raw("1e-400"), new Raw("2147483647.5"), new Raw("2147483648.0"),
    new Raw("9.223372036854775807E18"), new Raw("9.3E18"), new Raw("1e19"), new Raw("-0"), new Raw("0.0"),
    new Raw("1.0E2"), new Raw("-0.5"), new BigInteger("123456789012345678901234567890"), 0, 1};
  private static final String[] STRINGS = {"", " ", "AND", "OR", "and", "Or", "XOR", "exists", "EXISTS", "==",
    "=", "EQ", "eQ", "gte", "GREATER_THAN", "bogus", "starts_with", "CONTAINS", "country", "Country", "colour",
    "sessionCount", "tags", "PL", "pl", "seg_", "seg_abc", "seg_a-b", "\u0000", "\uD800", "true", "5"};

  private final BodyGenerator generator;
  private final Random random;

  BodyMutator(BodyGenerator generator) {
    this.generator = generator;
    this.random = generator.random;
  }

  Object mutate(Object body, int times) {
    List<Object> root = new ArrayList<>(List.of(body));
    for (int i = 0; i < times; i++) {
      mutateOnce(root);
    }
    return root.get(0);
  }

  private void mutateOnce(List<Object> root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    Slot slot = slots.get(random.nextInt(slots.size()));
    Object value = slot.get();
    switch (random.nextInt(10)) {
      case 0 -> slot.set(wrongValue());
      case 1 -> slot.set(null);
      case 2 -> slot.remove();
      case 3 -> {
        Map<String, Object> map = JsonValues.object(value);
        if (map != null) {
          map.put(KEYS[random.nextInt(KEYS.length)], random.nextBoolean() ? wrongValue() : "x");
        }
      }
      case 4, 5 -> slot.set(value instanceof String
        ? stringEdge((String) value)
        : STRINGS[random.nextInt(STRINGS.length)]);
      case 6 -> slot.set(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 7 -> resize(value, slot.key);
      case 8 -> retarget(value);
      default -> {
        if (slot.parent == root && random.nextInt(4) == 0) {
          slot.set(random.nextBoolean() ? new ArrayList<>(Collections.singletonList(value)) : wrongValue());
        } else {
          slot.set(generator.condition());
        }
      }
    }
  }

  private Object wrongValue() {
    return switch (random.nextInt(8)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
      case 3 -> STRINGS[random.nextInt(STRINGS.length)];
      case 4 -> new LinkedHashMap<>();
      case 5 -> new ArrayList<>();
      case 6 -> new ArrayList<>(List.of(generator.condition()));
      default -> new LinkedHashMap<>(Map.of("x", 1));
    };
  }

  private String stringEdge(String s) {
    return switch (random.nextInt(14)) {
      case 0 -> s + "\n";
      case 1 -> s + "\r\n";
      case 2 -> s + (random.nextBoolean() ? "\u2028" : "\u0085");
      case 3 -> s.toLowerCase(Locale.ROOT);
      case 4 -> s.toUpperCase(Locale.ROOT);
      case 5 -> s + " ";
      case 6 -> "\u00A0" + s + "\u3000";
      case 7 -> s + BodyGenerator.NOT_TRIMMED.charAt(random.nextInt(BodyGenerator.NOT_TRIMMED.length()));
      case 8 -> s + (random.nextBoolean() ? "\uD800" : "\u0000");
      case 9 -> pad(s, 255 + random.nextInt(3));
      case 10 -> pad(s, 1999 + random.nextInt(4));
      case 11 -> s.isEmpty() ? s : s.substring(0, s.length() - 1);
      case 12 -> "\n" + s;
      default -> generator.core(256 + random.nextInt(2));
    };
  }

  /** Grows the string to the given length in code points with non-BMP characters, or cuts it. */
  private String pad(String s, int length) {
    StringBuilder out = new StringBuilder(s);
    while (Text.length(out.toString()) < length) {
      out.append(random.nextBoolean() ? "\uD83D\uDE00" : "b");
    }
    String grown = out.toString();
    return grown.substring(0, grown.offsetByCodePoints(0, length));
  }

  /** key: the member that holds the list, or null for a list in a list. */
  private void resize(Object value, String key) {
    List<Object> list = JsonValues.array(value);
    if (list == null) {
      return;
    }
    switch (random.nextInt(4)) {
      case 0 -> list.clear();
      case 1 -> {
        if (!list.isEmpty()) {
          list.remove(random.nextInt(list.size()));
        }
      }
      default -> {
        int target = "devices".equals(key) && random.nextInt(3) == 0 ? ConstraintRules.MAX_DEVICES + 1
          : random.nextInt(4) > 0 ? ConstraintRules.MAX_CONDITIONS + 1 : ConstraintRules.MAX_GROUPS + 1;
        Object item = list.isEmpty() ? generator.group(1) : list.get(random.nextInt(list.size()));
        while (list.size() < target) {
          list.add(item);
        }
      }
    }
  }

  /** Points a condition at another field or relation, so that value and relation no longer fit. */
  private void retarget(Object value) {
    Map<String, Object> map = JsonValues.object(value);
    if (map == null) {
      return;
    }
    if (map.containsKey("field") || random.nextBoolean()) {
      List<String> names = new ArrayList<>(ConstraintRules.fields().keySet());
      map.put("field", names.get(random.nextInt(names.size())));
    } else {
      Relation[] relations = Relation.values();
      map.put("relation", generator.spelling(relations[random.nextInt(relations.length)]));
    }
  }

  private static void collect(Object container, List<Slot> slots) {
    Map<String, Object> map = JsonValues.object(container);
    if (map != null) {
      for (String key : new ArrayList<>(map.keySet())) {
        slots.add(new Slot(map, key, -1));
        collect(map.get(key), slots);
      }
      return;
    }
    List<Object> list = JsonValues.array(container);
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        slots.add(new Slot(list, null, i));
        collect(list.get(i), slots);
      }
    }
  }

  /** A place in the tree: a member of an object or an item of an array. */
  private record Slot(Object parent, String key, int index) {

    Object get() {
      return key != null ? JsonValues.object(parent).get(key) : JsonValues.array(parent).get(index);
    }

    void set(Object value) {
      if (key != null) {
        JsonValues.object(parent).put(key, value);
      } else {
        JsonValues.array(parent).set(index, value);
      }
    }

    void remove() {
      if (key != null) {
        JsonValues.object(parent).remove(key);
      } else if (JsonValues.array(parent).size() > 1) {
        JsonValues.array(parent).remove(index);
      }
    }
  }
}
