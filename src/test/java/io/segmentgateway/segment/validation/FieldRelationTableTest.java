package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.exists;
import static io.segmentgateway.segment.validation.Bodies.patchWithConditions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.segmentgateway.http.BodyProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field × relation cell of the contract's tables, written out here from API.md (not read from
 * ConstraintRules), so that a wrong table entry fails a test.
 */
class FieldRelationTableTest {

  /** API.md's field table: field → type. */
  private static final Map<String, String> FIELDS = new LinkedHashMap<>();
  /** API.md's relation table: type → relations it accepts. */
  private static final Map<String, Set<String>> ACCEPTS = Map.of(
    "String", Set.of("exists", "==", "!=", "starts_with", "ends_with", "contains"),
    "Int", Set.of("==", "!=", ">", ">=", "<", "<="),
    "Long", Set.of("==", "!=", ">", ">=", "<", "<="),
    "tags", Set.of("exists", "==", "!=", "contains"));
  private static final List<String> RELATIONS = List.of("exists", "==", "!=", "starts_with", "ends_with",
    "contains", ">", ">=", "<", "<=");
  /** A value of each field that passes its format rule. */
  private static final Map<String, Object> GOOD = Map.of("country", "PL", "language", "pol",
    "timezone", "Europe/Warsaw", "email", "user@example.com", "type", "phone");

  static {
    for (String field : List.of("country", "language", "timezone", "appVersion", "osApi", "osVersion",
      "customUserId", "id", "pushToken", "deviceModel", "deviceManufacturer", "email", "type")) {
      FIELDS.put(field, "String");
    }
    FIELDS.put("appVersionCode", "Int");
    FIELDS.put("sessionCount", "Int");
    for (String field : List.of("firstSession", "lastSession", "createdAt", "unRegisteredAt")) {
      FIELDS.put(field, "Long");
    }
    FIELDS.put("tags", "tags");
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    FIELDS.forEach((field, type) -> RELATIONS.forEach(relation -> cells.add(Arguments.of(field, type, relation))));
    return cells.stream();
  }

  @Test
  void theTablesKnowExactlyTheFieldsOfTheContractWithTheirTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    ConstraintRules.fields().forEach((name, field) -> types.put(name, field.type().label()));

    assertThat(types).containsExactlyInAnyOrderEntriesOf(FIELDS);
  }

  @ParameterizedTest(name = "{0} ({1}) {2}")
  @MethodSource("cells")
  void aRelationIsAcceptedExactlyWhereTheContractTableSaysYes(String field, String type, String relation) {
    Validation validation = Bodies.patch(patchWithConditions(conditionFor(field, type, relation)));

    if (ACCEPTS.get(type).contains(relation)) {
      assertThat(validation.problems()).isEmpty();
      assertThat(validation.input().constraints().getJsonObject(0).getJsonArray("constraints").getJsonObject(0)
        .getString("relation")).isEqualTo(relation);
    } else {
      assertThat(validation.problems())
        .extracting(BodyProblem::pointer, BodyProblem::message, BodyProblem::source)
        .containsExactly(tuple("/constraints/0/constraints/0/relation",
          "'" + relation + "' does not apply to " + type + " field '" + field + "'", BodyProblem.Source.SCHEMA));
    }
  }

  @Test
  void anUnknownFieldIsNamedWithTheListOfFields() {
    Validation validation = Bodies.patch(patchWithConditions(condition("colour", "==", "red")));

    assertThat(validation.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.pointer()).isEqualTo("/constraints/0/constraints/0/field");
      assertThat(problem.message()).startsWith("unknown field 'colour'; expected one of country, language, timezone,");
      assertThat(problem.message()).endsWith("deviceModel, deviceManufacturer, tags");
    });
  }

  @Test
  void fieldNamesAreCaseSensitive() {
    Validation validation = Bodies.patch(patchWithConditions(condition("Country", "==", "PL")));

    assertThat(validation.problems()).singleElement()
      .extracting(BodyProblem::message).asString().startsWith("unknown field 'Country'");
  }

  private static Map<String, Object> conditionFor(String field, String type, String relation) {
    if (relation.equals("exists")) {
      return exists(field);
    }
    Object value = type.equals("Int") || type.equals("Long") ? 5 : GOOD.getOrDefault(field, "abc");
    return condition(field, relation, value);
  }
}
