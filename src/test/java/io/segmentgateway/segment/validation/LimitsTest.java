package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.ID;
import static io.segmentgateway.segment.validation.Bodies.and;
import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.list;
import static io.segmentgateway.segment.validation.Bodies.object;
import static io.segmentgateway.segment.validation.Bodies.patchWith;
import static io.segmentgateway.segment.validation.Bodies.patchWithConditions;
import static io.segmentgateway.segment.validation.Bodies.times;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.http.BodyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every limit of the contract, at its edge and one over. */
class LimitsTest {

  private static final String SMILE = "\uD83D\uDE00";

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = ' ', value = {
    "sessionCount 0 ok", "sessionCount 2147483647 ok", "sessionCount -1 bad", "sessionCount 2147483648 bad",
    "appVersionCode 5.0 bad", "appVersionCode 1e2 bad", "appVersionCode -0.0 bad", "appVersionCode 1.5 bad",
    "appVersionCode 2147483647.0 bad", "appVersionCode 2147483648.0 bad", "appVersionCode 1E400 bad",
    "appVersionCode -0 ok", "createdAt 0 ok", "createdAt 9223372036854775807 ok", "createdAt 9223372036854775808 bad",
    "createdAt -9223372036854775809 bad", "lastSession 1771924492768 ok", "lastSession 1.771924492768E12 bad",
    "firstSession -1 bad", "firstSession 0.5 bad"})
  void numbersAreIntegersWithinTheFieldsRange(String field, String literal, String verdict) {
    String json = "{\"id\":\"" + ID + "\",\"constraints\":[{\"type\":\"AND\",\"constraints\":[{\"field\":\""
      + field + "\",\"relation\":\">=\",\"value\":" + literal + "}]}]}";

    Validation validation = Bodies.patchJson(json);

    assertThat(validation.valid()).isEqualTo(verdict.equals("ok"));
  }

  @Test
  void aNumberWithAFractionOrAnExponentIsRefusedByARuleThoughTheSchemaTakesIt() {
    Validation validation = Bodies.patchJson("{\"id\":\"" + ID + "\",\"constraints\":[{\"type\":\"OR\","
      + "\"constraints\":[{\"field\":\"sessionCount\",\"relation\":\"==\",\"value\":5.0},"
      + "{\"field\":\"lastSession\",\"relation\":\"<\",\"value\":1e3}]}]}");

    assertThat(validation.schemaValid()).isTrue();
    assertThat(validation.problems()).satisfiesExactly(
      first -> {
        assertThat(first.pointer()).isEqualTo("/constraints/0/constraints/0/value");
        assertThat(first.message()).isEqualTo("must be a JSON integer, without fraction or exponent, got 5.0");
        assertThat(first.source()).isEqualTo(BodyProblem.Source.RULE);
      },
      second -> {
        assertThat(second.pointer()).isEqualTo("/constraints/0/constraints/1/value");
        assertThat(second.message()).isEqualTo("must be a JSON integer, without fraction or exponent, got 1000.0");
      });
  }

  @Test
  void anIntegerIsStoredAsTheIntegerOfTheFieldsType() {
    Validation validation = Bodies.patchJson("{\"id\":\"" + ID + "\",\"constraints\":[{\"type\":\"OR\","
      + "\"constraints\":[{\"field\":\"sessionCount\",\"relation\":\"==\",\"value\":5},"
      + "{\"field\":\"lastSession\",\"relation\":\"<\",\"value\":1000}]}]}");

    assertThat(validation.input().constraints().encode()).isEqualTo("[{\"type\":\"OR\",\"constraints\":["
      + "{\"field\":\"sessionCount\",\"relation\":\"==\",\"value\":5},"
      + "{\"field\":\"lastSession\",\"relation\":\"<\",\"value\":1000}]}]");
    assertThat(validation.input().constraints().getJsonObject(0).getJsonArray("constraints").getJsonObject(0)
      .getValue("value")).isInstanceOf(Integer.class);
    assertThat(validation.input().constraints().getJsonObject(0).getJsonArray("constraints").getJsonObject(1)
      .getValue("value")).isInstanceOf(Long.class);
  }

  @Test
  void aNumberOutOfRangeIsExplainedWithTheRange() {
    Validation validation = Bodies.patch(patchWithConditions(condition("sessionCount", ">", 2147483648L)));

    assertThat(validation.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.pointer()).isEqualTo("/constraints/0/constraints/0/value");
      assertThat(problem.message()).isEqualTo("must be an integer between 0 and 2147483647, got 2147483648");
    });
  }

  @Test
  void aFloatingPointTwoToTheSixtyThreePassesTheSchemaButNotTheRules() {
    Validation validation = Bodies.patchJson("{\"id\":\"" + ID + "\",\"constraints\":[{\"type\":\"AND\","
      + "\"constraints\":[{\"field\":\"createdAt\",\"relation\":\"<\",\"value\":9.223372036854775807E18}]}]}");

    assertThat(validation.schemaValid()).isTrue();
    assertThat(validation.problems()).singleElement()
      .extracting(BodyProblem::source).isEqualTo(BodyProblem.Source.RULE);
  }

  @Test
  void stringValuesHoldOneTo256CharactersCountedAsCodePoints() {
    assertThat(value("x".repeat(256)).problems()).isEmpty();
    assertThat(value(SMILE.repeat(256)).problems()).isEmpty();
    assertThat(value("x".repeat(257)).problems()).singleElement().extracting(BodyProblem::message)
      .isEqualTo("must be 1 to 256 characters, got 257");
    assertThat(value(SMILE.repeat(257)).valid()).isFalse();
  }

  @Test
  void theNameHoldsOneTo255CharactersAfterTrimming() {
    assertThat(name("n".repeat(255)).input().name()).hasSize(255);
    assertThat(name(" \t\u00A0" + "n".repeat(255) + "\u3000\n").input().name()).isEqualTo("n".repeat(255));
    assertThat(name(SMILE.repeat(255)).valid()).isTrue();
    assertThat(name("n".repeat(256)).problems()).singleElement().satisfies(problem -> {
      assertThat(problem.pointer()).isEqualTo("/name");
      assertThat(problem.message()).isEqualTo("must be 1 to 255 characters after trimming whitespace, got 256");
    });
    assertThat(name(SMILE.repeat(256)).valid()).isFalse();
  }

  @Test
  void aBlankNameIsRefused() {
    for (String blank : new String[] {"", " ", "\t\n\r", "\u00A0\u2003\u3000"}) {
      assertThat(name(blank).problems()).as(blank).singleElement().extracting(BodyProblem::message)
        .isEqualTo("must be 1 to 255 characters after trimming whitespace, got 0");
    }
  }

  @Test
  void innerWhitespaceAndLookalikesOfSpacesAreKept() {
    assertThat(name("  Android  phones  ").input().name()).isEqualTo("Android  phones");
    assertThat(name("\u200Bx\uFEFF").input().name()).isEqualTo("\u200Bx\uFEFF");
  }

  @Test
  void theDescriptionHoldsAtMost2000Characters() {
    assertThat(description("").input().description()).isEmpty();
    assertThat(description("d".repeat(2000)).valid()).isTrue();
    assertThat(description(SMILE.repeat(2000)).valid()).isTrue();
    assertThat(description("d".repeat(2001)).problems()).singleElement().satisfies(problem -> {
      assertThat(problem.pointer()).isEqualTo("/description");
      assertThat(problem.message()).isEqualTo("must be at most 2000 characters, got 2001");
    });
    assertThat(description("  kept as sent  ").input().description()).isEqualTo("  kept as sent  ");
  }

  @Test
  void aGroupHoldsOneToTenConditions() {
    Object condition = condition("country", "==", "PL");

    assertThat(Bodies.patch(patchWith(and(times(10, condition).toArray()))).valid()).isTrue();
    assertThat(Bodies.patch(patchWith(and(times(11, condition).toArray()))).problems()).singleElement()
      .satisfies(problem -> {
        assertThat(problem.pointer()).isEqualTo("/constraints/0/constraints");
        assertThat(problem.message()).isEqualTo("a group holds at most 10 constraints, got 11");
      });
    assertThat(Bodies.patch(patchWith(and())).problems()).singleElement()
      .extracting(BodyProblem::message).isEqualTo("a group holds at least 1 constraint, got 0");
  }

  @Test
  void theConstraintsHoldAtMost100GroupsAndMayBeEmpty() {
    Object group = and(condition("country", "==", "PL"));

    assertThat(Bodies.patch(patchWith(times(100, group).toArray())).valid()).isTrue();
    assertThat(Bodies.patch(patchWith(times(101, group).toArray())).problems()).singleElement()
      .satisfies(problem -> {
        assertThat(problem.pointer()).isEqualTo("/constraints");
        assertThat(problem.message()).isEqualTo("at most 100 groups, got 101");
      });
    Validation empty = Bodies.patch(patchWith());
    assertThat(empty.valid()).isTrue();
    assertThat(empty.input().constraints()).isEmpty();
  }

  @Test
  void theIdIsSegFollowedByOneTo64LettersOrDigits() {
    assertThat(id("seg_a").valid()).isTrue();
    assertThat(id("seg_" + "A1".repeat(32)).valid()).isTrue();
    for (String bad : new String[] {"seg_", "seg_" + "a".repeat(65), "SEG_abc", "seg-abc", "seg_ab-c", "seg_ä",
      " seg_a"}) {
      assertThat(id(bad).problems()).as(bad).singleElement().satisfies(problem -> {
        assertThat(problem.pointer()).isEqualTo("/id");
        assertThat(problem.source()).isEqualTo(BodyProblem.Source.SCHEMA);
        assertThat(problem.message()).startsWith("must be 'seg_' followed by 1 to 64 letters or digits, got '");
      });
    }
    assertThat(id("seg_a\n").problems()).singleElement()
      .extracting(BodyProblem::source).isEqualTo(BodyProblem.Source.RULE);
  }

  private static Validation value(String text) {
    return Bodies.patch(patchWithConditions(condition("deviceModel", "==", text)));
  }

  private static Validation name(String name) {
    return Bodies.patch(object("id", ID, "name", name));
  }

  private static Validation description(String description) {
    return Bodies.patch(object("id", ID, "description", description));
  }

  private static Validation id(String id) {
    return Bodies.patch(object("id", id, "constraints", list()));
  }
}
