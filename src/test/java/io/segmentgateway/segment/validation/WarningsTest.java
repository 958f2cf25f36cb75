package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.and;
import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.exists;
import static io.segmentgateway.segment.validation.Bodies.object;
import static io.segmentgateway.segment.validation.Bodies.or;
import static io.segmentgateway.segment.validation.Bodies.patchWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.segmentgateway.http.BodyProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups that can never match are accepted with a warning naming the group; nothing else is warned of. */
class WarningsTest {

  @Test
  void theSeedsSecondExampleIsValidWithAWarningForEachGroup() {
    Validation validation = Bodies.patch(patchWith(
      and(object("field", "deviceModel", "value", "Redmi Note XXXXX", "relation", "=="),
        object("field", "deviceModel", "value", "Galaxy S23", "relation", "==")),
      and(object("field", "deviceManufacturer", "value", "Xiaomi", "relation", "=="),
        object("field", "deviceManufacturer", "value", "Samsung", "relation", "=="),
        object("field", "type", "value", "phone", "relation", "=="))));

    assertThat(validation.valid()).isTrue();
    assertThat(validation.warnings())
      .extracting(BodyProblem::pointer, BodyProblem::message)
      .containsExactly(
        tuple("/constraints/0",
          "group 0 can never match: 'deviceModel' cannot equal both 'Redmi Note XXXXX' and 'Galaxy S23'"),
        tuple("/constraints/1",
          "group 1 can never match: 'deviceManufacturer' cannot equal both 'Xiaomi' and 'Samsung'"));
  }

  @Test
  void equalAndNotEqualTheSameValueCanNeverMatch() {
    assertThat(warning(and(condition("country", "==", "PL"), condition("country", "NE", "PL"))))
      .isEqualTo("group 0 can never match: 'country' cannot both equal and not equal 'PL'");
  }

  @Test
  void numericRangesThatCannotOverlapCanNeverMatch() {
    assertThat(warning(and(condition("sessionCount", ">=", 10), condition("sessionCount", "<", 5))))
      .isEqualTo("group 0 can never match: 'sessionCount' cannot be both >= 10 and < 5");
    assertThat(warning(and(condition("appVersionCode", "==", 3), condition("appVersionCode", ">", 7))))
      .isEqualTo("group 0 can never match: 'appVersionCode' cannot be both > 7 and == 3");
    assertThat(warning(and(condition("createdAt", ">", 5), condition("createdAt", "<", 6))))
      .isEqualTo("group 0 can never match: 'createdAt' cannot be both > 5 and < 6");
    assertThat(warning(and(condition("sessionCount", "<", 0))))
      .isEqualTo("group 0 can never match: 'sessionCount' cannot be < 0: its values are 0 to 2147483647");
    assertThat(warning(and(condition("sessionCount", ">=", 5), condition("sessionCount", "<=", 6),
      condition("sessionCount", "!=", 5), condition("sessionCount", "!=", 6))))
      .isEqualTo("group 0 can never match: 'sessionCount' has no value left: '!=' excludes every value from 5 to 6");
  }

  @Test
  void rangesThatTouchOrOverlapAreFine() {
    assertThat(warnings(and(condition("sessionCount", ">=", 5), condition("sessionCount", "<=", 5)))).isEmpty();
    assertThat(warnings(and(condition("createdAt", ">", 5), condition("createdAt", "<", 7)))).isEmpty();
    assertThat(warnings(and(condition("sessionCount", "==", 3), condition("sessionCount", "!=", 4)))).isEmpty();
    assertThat(warnings(and(condition("firstSession", ">=", 0)))).isEmpty();
  }

  @Test
  void notExistingConflictsWithConditionsThatNeedAValue() {
    assertThat(warning(and(condition("email", "exists", false), condition("email", "contains", "@"))))
      .isEqualTo("group 0 can never match: 'email' cannot both not exist and contain '@'");
    assertThat(warning(and(condition("pushToken", "exists", false), exists("pushToken"))))
      .isEqualTo("group 0 can never match: 'pushToken' cannot both exist and not exist");
    assertThat(warning(and(condition("tags", "exists", false), condition("tags", "==", "vip"))))
      .isEqualTo("group 0 can never match: 'tags' cannot both not exist and include 'vip'");
  }

  @Test
  void notExistingAndNotEqualIsNotWarnedOfBecauseEnginesReadItDifferently() {
    assertThat(warnings(and(condition("email", "exists", false), condition("email", "!=", "a@b.io")))).isEmpty();
  }

  @Test
  void stringPatternsThatCannotMeetCanNeverMatch() {
    assertThat(warning(and(condition("deviceModel", "==", "Galaxy S23"), condition("deviceModel", "starts_with",
      "Redmi")))).isEqualTo("group 0 can never match: 'deviceModel' cannot equal 'Galaxy S23' and start with 'Redmi'");
    assertThat(warning(and(condition("appVersion", "starts_with", "1."), condition("appVersion", "starts_with",
      "2.")))).isEqualTo("group 0 can never match: 'appVersion' cannot start with both '1.' and '2.'");
    assertThat(warnings(and(condition("appVersion", "starts_with", "1."), condition("appVersion", "starts_with",
      "1.3")))).isEmpty();
    assertThat(warnings(and(condition("deviceModel", "==", "Galaxy S23"), condition("deviceModel", "ends_with",
      "s23")))).as("letter case may not matter to the engine").isEmpty();
  }

  @Test
  void valuesThatDifferOnlyInLetterCaseAreNotWarnedOf() {
    assertThat(warnings(and(condition("deviceModel", "==", "Galaxy"), condition("deviceModel", "==", "GALAXY"))))
      .isEmpty();
  }

  @Test
  void aDeviceCanHaveManyTagsSoOnlyHavingAndLackingOneTagConflicts() {
    assertThat(warnings(and(condition("tags", "==", "vip"), condition("tags", "==", "beta")))).isEmpty();
    assertThat(warning(and(condition("tags", "contains", "vip"), condition("tags", "!=", "vip"))))
      .isEqualTo("group 0 can never match: 'tags' cannot both include and lack 'vip'");
  }

  @Test
  void anOrGroupCanNeverMatchOnlyWhenNoneOfItsConditionsCan() {
    assertThat(warnings(or(condition("deviceModel", "==", "A"), condition("deviceModel", "==", "B")))).isEmpty();
    assertThat(warnings(or(condition("sessionCount", "<", 0), condition("country", "==", "PL")))).isEmpty();
    assertThat(warning(or(condition("sessionCount", "<", 0), condition("appVersionCode", ">", 2147483647))))
      .isEqualTo("group 0 can never match: 'sessionCount' cannot be < 0: its values are 0 to 2147483647, and none"
        + " of its other conditions can match either");
  }

  @Test
  void differentFieldsNeverConflict() {
    assertThat(warnings(and(condition("country", "==", "PL"), condition("language", "==", "pol"),
      condition("type", "==", "phone")))).isEmpty();
  }

  private static String warning(Object group) {
    List<BodyProblem> warnings = warnings(group);
    assertThat(warnings).singleElement().extracting(BodyProblem::pointer).isEqualTo("/constraints/0");
    return warnings.get(0).message();
  }

  private static List<BodyProblem> warnings(Object group) {
    Validation validation = Bodies.patch(patchWith(group));
    assertThat(validation.problems()).isEmpty();
    return validation.warnings();
  }
}
