package io.segmentgateway.segment.validation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Reads a decoded JSON tree without copying it: Json.decodeValue gives a JsonObject at the top and plain
 * Maps and Lists below, while bodies built in code hold JsonObjects and JsonArrays at every level.
 */
final class JsonValues {

  private JsonValues() {
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    if (value instanceof JsonObject) {
      return ((JsonObject) value).getMap();
    }
    if (value instanceof Map) {
      return (Map<String, Object>) value;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    if (value instanceof JsonArray) {
      return ((JsonArray) value).getList();
    }
    if (value instanceof List) {
      return (List<Object>) value;
    }
    return null;
  }

  /** The JSON kind of a value, with its article, for messages ("got a number"). */
  static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (object(value) != null) {
      return "an object";
    }
    if (array(value) != null) {
      return "an array";
    }
    return "a value that is not JSON";
  }

  /** A short rendering of a scalar for messages: strings quoted, numbers as written. */
  static String show(Object value) {
    if (value instanceof String) {
      return Text.quote((String) value);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return kind(value);
  }
}
