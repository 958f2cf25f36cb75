package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.SchemaGenerator.array;
import static io.segmentgateway.segment.validation.SchemaGenerator.obj;

import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Generates condition.json: the field and relation enums, then one if/then per field type that narrows the
 * relations and types the value, all from {@link ConstraintRules}.
 */
final class ConditionSchema {

  private ConditionSchema() {
  }

  static JsonObject condition() {
    List<Object> fields = new ArrayList<>(ConstraintRules.fields().keySet());
    String exists = SchemaGenerator.relationPattern(List.of(Relation.EXISTS));
    JsonArray rules = new JsonArray().add(obj(
      "$comment", "'exists' takes an optional true or false; every other relation needs a value",
      "if", obj("required", array("relation"), "properties", obj("relation", obj("pattern", exists))),
      "then", obj("properties", obj("value", obj("type", "boolean"))),
      "else", obj("required", array("value"))));
    JsonObject defs = obj("text", obj(
      "type", "string",
      "minLength", ConstraintRules.MIN_VALUE_LENGTH,
      "maxLength", ConstraintRules.MAX_VALUE_LENGTH));
    for (FieldType type : FieldType.values()) {
      String def = type.name().toLowerCase(Locale.ROOT) + "Condition";
      rules.add(obj(
        "if", obj("required", array("field"), "properties", obj("field", obj("enum",
          new JsonArray(SchemaGenerator.fieldsOf(type))))),
        "then", obj("$ref", "#/$defs/" + def)));
      defs.put(def, typed(type, exists));
    }
    return SchemaGenerator.header("condition.json", "Condition",
        "One test on a device field: exactly {field, relation, value}.")
      .put("type", "object")
      .put("required", array("field", "relation"))
      .put("properties", obj(
        "field", obj("enum", new JsonArray(fields)),
        "relation", obj(
          "description", spellings(Arrays.asList(Relation.values())),
          "type", "string",
          "pattern", SchemaGenerator.relationPattern(Arrays.asList(Relation.values()))),
        "value", true))
      .put("additionalProperties", false)
      .put("allOf", rules)
      .put("$defs", defs);
  }

  /** The relations a field type takes, and its value: an integer in range, or a string. */
  private static JsonObject typed(FieldType type, String exists) {
    List<Relation> relations = SchemaGenerator.relationsFor(type);
    JsonObject relation = obj(
      "description", type.label() + " fields take " + spellings(relations),
      "pattern", SchemaGenerator.relationPattern(relations));
    JsonObject value = type.numeric()
      ? obj("type", "integer", "minimum", type.min(), "maximum", type.max())
      : obj("$ref", "#/$defs/text");
    if (!relations.contains(Relation.EXISTS)) {
      return obj("properties", obj("relation", relation, "value", value));
    }
    return obj(
      "properties", obj("relation", relation),
      "if", obj("required", array("relation"), "properties", obj("relation", obj("pattern", exists))),
      "else", obj("properties", obj("value", value)));
  }

  private static String spellings(List<Relation> relations) {
    StringJoiner canonical = new StringJoiner(", ");
    StringJoiner aliases = new StringJoiner(", ");
    for (Relation relation : relations) {
      canonical.add(relation.canonical());
      relation.aliases().forEach(aliases::add);
    }
    return canonical + "; aliases " + aliases + "; any letter case";
  }
}
