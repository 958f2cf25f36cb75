package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.ID;
import static io.segmentgateway.segment.validation.Bodies.and;
import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.exists;
import static io.segmentgateway.segment.validation.Bodies.list;
import static io.segmentgateway.segment.validation.Bodies.object;
import static io.segmentgateway.segment.validation.Bodies.patchWith;
import static io.segmentgateway.segment.validation.Bodies.patchWithConditions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.segmentgateway.http.BodyProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of the bodies: members, unknown keys, nulls, missing members, pointers, all problems at once. */
class BodyStructureTest {

  @Test
  void everyProblemIsReportedAtOnceWithItsPointer() {
    Map<String, Object> body = object("id", "nope", "name", " ", "description", 5, "colour", "red",
      "constraints", list(
        and(condition("country", "==", "PL"), condition("country", "==", "PL"), condition("country", "==", "PL"),
          condition("country", "==", "PL"), condition("country", "==", "PL"), condition("country", "==", "PL"),
          condition("country", "==", "PL"), condition("country", "==", "PL"), condition("country", "==", "PL"),
          condition("country", "==", "PL"), condition("country", "==", "PL")),
        object("type", "and", "constraints", list(condition("country", ">", "PL"), object("field", "tags")))));

    Validation validation = Bodies.patch(body);

    assertThat(validation.problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(
        tuple("/id", "must be 'seg_' followed by 1 to 64 letters or digits, got 'nope'"),
        tuple("/name", "must be 1 to 255 characters after trimming whitespace, got 0"),
        tuple("/description", "must be a string, got a number"),
        tuple("/colour", "unknown member 'colour'; expected one of id, name, description, constraints"),
        tuple("/constraints/0/constraints", "a group holds at most 10 constraints, got 11"),
        tuple("/constraints/1/type", "must be AND or OR in upper case, got 'and'"),
        tuple("/constraints/1/constraints/0/relation", "'>' does not apply to String field 'country'"),
        tuple("/constraints/1/constraints/1/relation", "relation is required"));
    assertThat(validation.input()).isNull();
  }

  @Test
  void unknownMembersAreRefusedAtEveryLevel() {
    Map<String, Object> body = object("id", ID, "extra", 1, "constraints", list(
      object("type", "AND", "constraints", list(object("field", "country", "relation", "==", "value", "PL",
        "negate", true)), "label", "x")));

    assertThat(Bodies.patch(body).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(
        tuple("/extra", "unknown member 'extra'; expected one of id, name, description, constraints"),
        tuple("/constraints/0/constraints/0/negate",
          "unknown member 'negate'; a condition is exactly {field, relation, value}"),
        tuple("/constraints/0/label", "unknown member 'label'; a group is exactly {type, constraints}"));
  }

  @Test
  void pointersEscapeTildeAndSlashInKeys() {
    Validation validation = Bodies.patch(object("id", ID, "name", "n", "a/b~c", 1, "", 2));

    assertThat(validation.problems()).extracting(BodyProblem::pointer).containsExactly("/a~1b~0c", "/");
  }

  @Test
  void nullIsAnErrorForEveryMember() {
    Validation validation = Bodies.patch(object("id", null, "name", null, "description", null, "constraints", null));

    assertThat(validation.problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/id", "must not be null"), tuple("/name", "must not be null"),
        tuple("/description", "must not be null"), tuple("/constraints", "must not be null"));
  }

  @Test
  void nullIsAnErrorInsideGroupsAndConditions() {
    Validation validation = Bodies.patch(patchWith(null, object("type", null, "constraints", list(null,
      condition(null, null, null))), object("type", "OR", "constraints", null)));

    assertThat(validation.problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/constraints/0", "must not be null"), tuple("/constraints/1/type", "must not be null"),
        tuple("/constraints/1/constraints/0", "must not be null"),
        tuple("/constraints/1/constraints/1/field", "must not be null"),
        tuple("/constraints/1/constraints/1/relation", "must not be null"),
        tuple("/constraints/2/constraints", "must not be null"));
  }

  @Test
  void aPatchWithOnlyTheIdChangesNothingAndIsRefused() {
    assertThat(Bodies.patch(object("id", ID)).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message, BodyProblem::source)
      .containsExactly(tuple("", "nothing to change: send at least one of name, description, constraints",
        BodyProblem.Source.SCHEMA));
  }

  @Test
  void aPatchWithoutIdPointsAtWhereTheIdWouldBe() {
    assertThat(Bodies.patch(object("name", "n")).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/id", "id is required"));
  }

  @Test
  void aPatchChangesOnlyWhatItSends() {
    SegmentInput input = Bodies.patch(object("id", ID, "description", "")).input();

    assertThat(input).isEqualTo(new SegmentInput(ID, null, "", null));
  }

  @Test
  void aCreateNeedsNameAndConstraintsAndMayCarryAnId() {
    assertThat(Bodies.create(object()).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/name", "name is required"), tuple("/constraints", "constraints is required"));
    assertThat(Bodies.create(object("name", " Phones ", "constraints", list())).input())
      .isEqualTo(new SegmentInput(null, "Phones", null, new JsonArray()));
    assertThat(Bodies.create(object("id", ID, "name", "n", "constraints", list())).input().id()).isEqualTo(ID);
  }

  @Test
  void aBodyThatIsNotAnObjectIsOneProblemAtTheRoot() {
    for (String json : new String[] {"[]", "5", "\"text\"", "null", "true", "[{\"id\":\"" + ID + "\"}]"}) {
      Validation validation = Bodies.patchJson(json);

      assertThat(validation.problems()).as(json).singleElement().satisfies(problem -> {
        assertThat(problem.pointer()).isEmpty();
        assertThat(problem.message())
          .startsWith("the body must be a JSON object {id, name, description, constraints}, got ");
      });
    }
  }

  @Test
  void existsTakesNoValueOrABoolean() {
    Validation withoutValue = Bodies.patch(patchWithConditions(exists("pushToken")));
    Validation withFalse = Bodies.patch(patchWithConditions(condition("tags", "EXISTS", false)));

    assertThat(first(withoutValue).encode())
      .isEqualTo("{\"field\":\"pushToken\",\"relation\":\"exists\",\"value\":true}");
    assertThat(first(withFalse).getValue("value")).isEqualTo(false);
    assertThat(Bodies.patch(patchWithConditions(condition("tags", "exists", "yes"))).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/constraints/0/constraints/0/value", "must be true or false for 'exists', got a string"));
  }

  @Test
  void everyOtherRelationNeedsAValue() {
    assertThat(Bodies.patch(patchWithConditions(object("field", "country", "relation", "=="))).problems())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(tuple("/constraints/0/constraints/0/value", "value is required for '=='"));
  }

  @Test
  void theSeedsFirstExampleIsValidWithoutWarnings() {
    Validation validation = Bodies.patch(patchWith(
      and(object("field", "firstSession", "value", 1771924492768L, "relation", "<=")),
      and(object("field", "lastSession", "value", 1771924492782L, "relation", ">="))));

    assertThat(validation.problems()).isEmpty();
    assertThat(validation.warnings()).isEmpty();
  }

  @Test
  void aThousandProblemsAreListedAndTheRestCountedInALastEntry() {
    Validation validation = Bodies.patch(patchWith(and(Bodies.times(1500, object()).toArray())));

    assertThat(validation.problems()).hasSize(1001);
    assertThat(validation.problems().get(999).pointer()).isEqualTo("/constraints/0/constraints/499/field");
    assertThat(validation.problems().get(1000))
      .extracting(BodyProblem::pointer, BodyProblem::message, BodyProblem::source)
      .containsExactly("", "and 2001 more problems, not listed: at most 1000 are listed at once",
        BodyProblem.Source.SCHEMA);
  }

  @Test
  void messagesNeverShowSchemaKeywords() {
    Validation validation = Bodies.patch(object("id", 1, "name", list(), "constraints", list(5, object(
      "type", "XOR", "constraints", list(object("field", 1, "relation", 2, "value", 3))))));

    assertThat(validation.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem.message())
      .doesNotContainIgnoringCase("additionalProperties").doesNotContain("$ref").doesNotContain("#/")
      .doesNotContain("minItems").doesNotContain("pattern").doesNotContain("enum"));
  }

  private static JsonObject first(Validation validation) {
    return validation.input().constraints().getJsonObject(0).getJsonArray("constraints").getJsonObject(0);
  }
}
