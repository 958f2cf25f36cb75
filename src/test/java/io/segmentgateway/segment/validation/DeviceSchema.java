package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.SchemaGenerator.array;
import static io.segmentgateway.segment.validation.SchemaGenerator.obj;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Generates the schema files of the evaluate bodies from {@link ConstraintRules}: device.json (one member per field,
 * typed by its field type), devices.json, and the two bodies.
 */
final class DeviceSchema {

  private DeviceSchema() {
  }

  /** {devices} for a stored segment, or {constraints, devices} for unsaved constraints. */
  static JsonObject body(boolean unsaved) {
    JsonObject properties = unsaved
      ? obj("constraints", obj("$ref", "constraints.json"), "devices", obj("$ref", "devices.json"))
      : obj("devices", obj("$ref", "devices.json"));
    return SchemaGenerator.header(unsaved ? "evaluate-constraints.json" : "evaluate-segment.json",
        unsaved ? "POST /v1/segments/evaluate body" : "POST /v1/segments/{id}/evaluate body",
        unsaved
          ? "Constraints that are not stored, checked as a POST's are, and the devices to evaluate them on."
          : "The devices to evaluate the stored segment on.")
      .put("type", "object")
      .put("required", unsaved ? array("constraints", "devices") : array("devices"))
      .put("properties", properties)
      .put("additionalProperties", false);
  }

  static JsonObject devices() {
    return SchemaGenerator.header("devices.json", "Devices", "The devices of one evaluate call, in order.")
      .put("type", "array")
      .put("minItems", ConstraintRules.MIN_DEVICES)
      .put("maxItems", ConstraintRules.MAX_DEVICES)
      .put("items", obj("$ref", "device.json"));
  }

  static JsonObject device() {
    JsonObject properties = obj();
    for (Field field : ConstraintRules.fields().values()) {
      properties.put(field.name(), obj("$ref", "#/$defs/" + def(field.type())));
    }
    JsonObject defs = obj();
    for (FieldType type : FieldType.values()) {
      defs.put(def(type), value(type));
    }
    return SchemaGenerator.header("device.json", "Device",
        "A device's attributes, each optional and of its field's type; format rules (ISO codes, zones, e-mail)"
          + " do not apply to them. A member left out is a field the device lacks (no tags for tags).")
      .put("type", "object")
      .put("properties", properties)
      .put("additionalProperties", false)
      .put("$defs", defs);
  }

  private static String def(FieldType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** Exhaustive, without a default: a new field type does not compile until devices say what it takes. */
  private static JsonObject value(FieldType type) {
    return switch (type) {
      case STRING -> obj("type", "string", "maxLength", ConstraintRules.MAX_VALUE_LENGTH);
      case INT, LONG -> obj("type", "integer", "minimum", type.min(), "maximum", type.max());
      case TAGS -> obj(
        "type", "array",
        "maxItems", ConstraintRules.MAX_TAGS,
        "items", obj(
          "type", "string",
          "minLength", ConstraintRules.MIN_VALUE_LENGTH,
          "maxLength", ConstraintRules.MAX_VALUE_LENGTH));
    };
  }
}
