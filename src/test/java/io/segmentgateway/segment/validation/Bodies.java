package io.segmentgateway.segment.validation;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds request bodies for the tests as trees, and checks them the way the service does: written as JSON
 * text, decoded with Json.decodeValue, then validated.
 */
final class Bodies {

  static final String ID = "seg_jfeZ4NrGegjV9";
  private static final SegmentValidator VALIDATOR = SegmentValidator.create();

  private Bodies() {
  }

  static Validation patch(Object body) {
    return VALIDATOR.checkPatch(decode(body));
  }

  static Validation create(Object body) {
    return VALIDATOR.checkCreate(decode(body));
  }

  /** The tree as the service would see it after decoding its JSON text. */
  static Object decode(Object body) {
    return Json.decodeValue(Buffer.buffer(JsonText.write(body)));
  }

  static Validation patchJson(String json) {
    return VALIDATOR.checkPatch(Json.decodeValue(Buffer.buffer(json)));
  }

  /** A PATCH body {id, constraints: groups}. */
  static Map<String, Object> patchWith(Object... groups) {
    return object("id", ID, "constraints", list(groups));
  }

  /** A PATCH body with one AND group holding the conditions. */
  static Map<String, Object> patchWithConditions(Object... conditions) {
    return patchWith(and(conditions));
  }

  static Map<String, Object> and(Object... conditions) {
    return object("type", "AND", "constraints", list(conditions));
  }

  static Map<String, Object> or(Object... conditions) {
    return object("type", "OR", "constraints", list(conditions));
  }

  static Map<String, Object> condition(String field, String relation, Object value) {
    return object("field", field, "relation", relation, "value", value);
  }

  static Map<String, Object> exists(String field) {
    return object("field", field, "relation", "exists");
  }

  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  static List<Object> list(Object... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  static List<Object> times(int n, Object item) {
    List<Object> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(item);
    }
    return items;
  }

  static String repeat(String s, int times) {
    return s.repeat(times);
  }
}
