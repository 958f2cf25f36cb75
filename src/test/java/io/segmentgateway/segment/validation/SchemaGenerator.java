package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Field;
import io.segmentgateway.segment.validation.ConstraintRules.FieldType;
import io.segmentgateway.segment.validation.ConstraintRules.GroupType;
import io.segmentgateway.segment.validation.ConstraintRules.Relation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON Schema files of schemas/ from {@link ConstraintRules}, so that the published contract
 * and the validator come from one table. Run it after changing the tables (see schemas/README.md):
 * mvn -B -q test-compile exec:java -Dexec.mainClass=io.segmentgateway.segment.validation.SchemaGenerator
 * -Dexec.classpathScope=test
 */
public final class SchemaGenerator {

  static final String BASE = ReferenceSchemas.BASE;
  static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
  static final List<String> FILES = List.of(
    "patch-segment.json", "create-segment.json", "members.json", "constraints.json", "group.json",
    "condition.json", "evaluate-segment.json", "evaluate-constraints.json", "devices.json", "device.json");

  private SchemaGenerator() {
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "schemas");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> file : files().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
      System.out.println("wrote " + dir.resolve(file.getKey()));
    }
  }

  /** File name to file text, in FILES order. */
  static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("patch-segment.json", JsonPrinter.print(body(true)));
    files.put("create-segment.json", JsonPrinter.print(body(false)));
    files.put("members.json", JsonPrinter.print(members()));
    files.put("constraints.json", JsonPrinter.print(constraints()));
    files.put("group.json", JsonPrinter.print(group()));
    files.put("condition.json", JsonPrinter.print(ConditionSchema.condition()));
    files.put("evaluate-segment.json", JsonPrinter.print(DeviceSchema.body(false)));
    files.put("evaluate-constraints.json", JsonPrinter.print(DeviceSchema.body(true)));
    files.put("devices.json", JsonPrinter.print(DeviceSchema.devices()));
    files.put("device.json", JsonPrinter.print(DeviceSchema.device()));
    return files;
  }

  private static JsonObject body(boolean patch) {
    JsonObject schema = header(patch ? "patch-segment.json" : "create-segment.json",
      patch ? "PATCH /v1/segments body" : "POST /v1/segments body",
      patch
        ? "Changes the members sent, leaves the others as they are; null is never a value."
          + " 'constraints' replaces the whole array."
        : "Creates a segment; without 'id' the server chooses one.")
      .put("type", "object")
      .put("required", patch ? array("id") : array("name", "constraints"))
      .put("properties", obj(
        "id", obj("$ref", "members.json#/$defs/id"),
        "name", obj("$ref", "members.json#/$defs/name"),
        "description", obj("$ref", "members.json#/$defs/description"),
        "constraints", obj("$ref", "constraints.json")))
      .put("additionalProperties", false);
    if (patch) {
      schema.put("anyOf", array(obj("required", array("name")), obj("required", array("description")),
        obj("required", array("constraints"))));
      schema.put("$comment", "anyOf: a body that changes nothing (only 'id') is refused");
    }
    return schema;
  }

  private static JsonObject members() {
    if (ConstraintRules.MIN_NAME_LENGTH != 1 || ConstraintRules.MAX_NAME_LENGTH < 2) {
      throw new IllegalStateException("the name pattern below is written for a minimum of 1");
    }
    String ws = "[" + characterClass(ConstraintRules.TRIMMED) + "]";
    String text = "[^" + characterClass(ConstraintRules.TRIMMED) + "]";
    String name = "^" + ws + "*" + text + "(?:[\\s\\S]{0," + (ConstraintRules.MAX_NAME_LENGTH - 2) + "}" + text + ")?"
      + ws + "*$";
    return header("members.json", "Segment members", "The scalar members of the PATCH and POST bodies.")
      .put("$defs", obj(
        "id", obj(
          "description", "'" + ConstraintRules.ID_PREFIX + "' followed by 1 to " + ConstraintRules.ID_MAX_CHARS
            + " ASCII letters or digits",
          "type", "string",
          "pattern", "^" + ConstraintRules.ID_PREFIX + "[A-Za-z0-9]{1," + ConstraintRules.ID_MAX_CHARS + "}$"),
        "name", obj(
          "description", ConstraintRules.MIN_NAME_LENGTH + " to " + ConstraintRules.MAX_NAME_LENGTH
            + " characters (Unicode code points) once White_Space is trimmed from both ends; stored trimmed",
          "type", "string",
          "pattern", name),
        "description", obj(
          "description", "free text; \"\" clears it",
          "type", "string",
          "maxLength", ConstraintRules.MAX_DESCRIPTION_LENGTH)));
  }

  private static JsonObject constraints() {
    return header("constraints.json", "Constraints",
      "Groups of conditions, combined with AND; an empty array matches every device.")
      .put("type", "array")
      .put("maxItems", ConstraintRules.MAX_GROUPS)
      .put("items", obj("$ref", "group.json"));
  }

  private static JsonObject group() {
    List<Object> types = new ArrayList<>();
    for (GroupType type : GroupType.values()) {
      types.add(type.name());
    }
    return header("group.json", "Group", "Conditions combined with the group's type: AND (all) or OR (any).")
      .put("type", "object")
      .put("required", array("type", "constraints"))
      .put("properties", obj(
        "type", obj("enum", new JsonArray(types)),
        "constraints", obj(
          "type", "array",
          "minItems", ConstraintRules.MIN_CONDITIONS,
          "maxItems", ConstraintRules.MAX_CONDITIONS,
          "items", obj("$ref", "condition.json"))))
      .put("additionalProperties", false);
  }

  static JsonObject header(String file, String title, String description) {
    return obj("$schema", DRAFT, "$id", BASE + file, "title", title, "description", description);
  }

  /** ^(?:...)$ over every spelling of the relations, each letter as a [xX] class (portable regex). */
  static String relationPattern(List<Relation> relations) {
    List<String> alternatives = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Relation relation : relations) {
      List<String> spellings = new ArrayList<>();
      spellings.add(relation.canonical());
      spellings.addAll(relation.aliases());
      for (String spelling : spellings) {
        String folded = Relations.foldAscii(spelling);
        if (!seen.contains(folded)) {
          seen.add(folded);
          alternatives.add(anyCase(spelling));
        }
      }
    }
    return "^(?:" + String.join("|", alternatives) + ")$";
  }

  static List<Relation> relationsFor(FieldType type) {
    return Arrays.stream(Relation.values())
      .filter(relation -> relation.appliesTo(type))
      .toList();
  }

  static List<Object> fieldsOf(FieldType type) {
    List<Object> names = new ArrayList<>();
    for (Field field : ConstraintRules.fields().values()) {
      if (field.type() == type) {
        names.add(field.name());
      }
    }
    return names;
  }

  private static String anyCase(String spelling) {
    StringBuilder out = new StringBuilder();
    for (char c : spelling.toCharArray()) {
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        out.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
      } else if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Regex class content for the characters: \\uXXXX escapes, consecutive runs as ranges. */
  private static String characterClass(String chars) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chars.length()) {
      int j = i;
      while (j + 1 < chars.length() && chars.charAt(j + 1) == chars.charAt(j) + 1) {
        j++;
      }
      out.append(escape(chars.charAt(i)));
      if (j > i + 1) {
        out.append('-').append(escape(chars.charAt(j)));
      } else if (j == i + 1) {
        out.append(escape(chars.charAt(j)));
      }
      i = j + 1;
    }
    return out.toString();
  }

  private static String escape(char c) {
    return String.format("\\u%04X", (int) c);
  }

  static JsonObject obj(Object... keysAndValues) {
    JsonObject object = new JsonObject(new LinkedHashMap<>());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  static JsonArray array(Object... items) {
    return new JsonArray(new ArrayList<>(Arrays.asList(items)));
  }
}
