package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.object;
import static io.segmentgateway.segment.validation.Bodies.patchWithConditions;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every alias of API.md's relation table, in any letter case, is stored in its canonical form. */
class RelationAliasTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ' ', value = {
    "exists exists", "EXISTS exists",
    "== ==", "EQUALS ==", "EQ ==",
    "!= !=", "NOT_EQUALS !=", "NE !=",
    "starts_with starts_with", "STARTS_WITH starts_with",
    "ends_with ends_with", "ENDS_WITH ends_with",
    "contains contains", "CONTAINS contains",
    "> >", "GREATER_THAN >", "GT >",
    ">= >=", "GREATER_THAN_OR_EQUALS >=", "GTE >=",
    "< <", "LESS_THAN <", "LT <",
    "<= <=", "LESS_THAN_OR_EQUALS <=", "LTE <="})
  void everySpellingInUpperLowerAndMixedCaseIsStoredCanonical(String alias, String canonical) {
    for (String spelling : new String[] {alias, alias.toLowerCase(Locale.ROOT), alias.toUpperCase(Locale.ROOT),
      mixed(alias)}) {
      assertThat(canonicalRelation(spelling)).as(spelling).isEqualTo(canonical);
    }
  }

  @Test
  void aConditionIsStoredAsFieldRelationValueInThatOrder() {
    Validation validation = Bodies.patch(patchWithConditions(
      object("value", "13", "relation", "EQUALS", "field", "osVersion")));

    JsonObject stored = first(validation);
    assertThat(stored.fieldNames()).containsExactly("field", "relation", "value");
    assertThat(stored.encode()).isEqualTo("{\"field\":\"osVersion\",\"relation\":\"==\",\"value\":\"13\"}");
  }

  @Test
  void anUnknownRelationListsTheCanonicalForms() {
    Validation validation = Bodies.patch(patchWithConditions(condition("country", "bogus", "PL")));

    assertThat(validation.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.pointer()).isEqualTo("/constraints/0/constraints/0/relation");
      assertThat(problem.message()).isEqualTo("'bogus' is not a relation; expected one of exists, ==, !=, "
        + "starts_with, ends_with, contains, >, >=, <, <= or an alias such as EQUALS");
    });
  }

  @Test
  void aRelationWithATrailingLineBreakIsARuleProblemBecauseTheSchemaEngineLetsItThrough() {
    Validation validation = Bodies.patch(patchWithConditions(condition("country", "EQ\n", "PL")));

    assertThat(validation.schemaValid()).isTrue();
    assertThat(validation.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.source()).isEqualTo(BodyProblem.Source.RULE);
      assertThat(problem.message()).startsWith("'EQ\\n' is not a relation");
    });
  }

  @Test
  void onlyAsciiLettersFoldSoTheKelvinSignIsNotAK() {
    Validation validation = Bodies.patch(patchWithConditions(condition("tags", "\u212Aontains", "vip")));

    assertThat(validation.schemaValid()).isFalse();
  }

  private static String canonicalRelation(String spelling) {
    Object value = spelling.equalsIgnoreCase("exists") ? true
      : spelling.matches("(?i)[<>].*|gt.*|lt.*|greater.*|less.*") ? (Object) 5 : "Samsung";
    String field = value instanceof Integer ? "sessionCount"
      : spelling.toLowerCase(Locale.ROOT).contains("with") ? "deviceModel" : "deviceManufacturer";
    Validation validation = Bodies.patch(patchWithConditions(condition(field, spelling, value)));
    assertThat(validation.problems()).as(spelling).isEmpty();
    return first(validation).getString("relation");
  }

  private static JsonObject first(Validation validation) {
    return validation.input().constraints().getJsonObject(0).getJsonArray("constraints").getJsonObject(0);
  }

  private static String mixed(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return out.toString();
  }
}
