package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.support.ApiTest;
import io.segmentgateway.support.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's semantics table, row by row, through POST /v1/segments/evaluate. */
class EvaluateSemanticsTest extends ApiTest {

  /** The results of evaluating the constraints on the devices. */
  private JsonArray results(JsonArray constraints, JsonArray devices) {
    Reply reply = sendJson(server.keyA(), HttpMethod.POST, "/v1/segments/evaluate",
        new JsonObject().put("constraints", constraints).put("devices", devices));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("results");
  }

  /** One condition in one AND group, on one device: the condition's result. */
  private boolean holds(JsonObject condition, String device) {
    JsonArray results = results(new JsonArray().add(group("AND", condition)), new JsonArray().add(new JsonObject(device)));
    return results.getJsonObject(0).getJsonArray("groups").getJsonObject(0).getJsonArray("conditions").getBoolean(0);
  }

  private static JsonObject condition(String field, String relation, String value) {
    JsonObject condition = new JsonObject().put("field", field).put("relation", relation);
    return value.equals("-") ? condition : condition.put("value", Json.decodeValue(value));
  }

  @ParameterizedTest(name = "lacking the field: {0} {1} {2} is {3}")
  @CsvSource(delimiter = '|', value = {
      "deviceModel    | exists      | -     | false",
      "deviceModel    | exists      | true  | false",
      "deviceModel    | exists      | false | true",
      "deviceModel    | ==          | \"x\" | false",
      "deviceModel    | !=          | \"x\" | false",
      "deviceModel    | starts_with | \"x\" | false",
      "deviceModel    | ends_with   | \"x\" | false",
      "deviceModel    | contains    | \"x\" | false",
      "sessionCount   | ==          | 0     | false",
      "sessionCount   | !=          | 0     | false",
      "sessionCount   | >           | 0     | false",
      "sessionCount   | >=          | 0     | false",
      "sessionCount   | <           | 5     | false",
      "sessionCount   | <=          | 5     | false",
      "lastSession    | ==          | 1     | false",
      "lastSession    | !=          | 1     | false",
      "lastSession    | >=          | 0     | false",
      "lastSession    | <=          | 9223372036854775807 | false"})
  void aDeviceThatLacksTheField(String field, String relation, String value, boolean expected) {
    assertThat(holds(condition(field, relation, value), "{\"country\": \"PL\"}")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "deviceModel \"Redmi Note 12\": {0} {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "exists      | true             | true",
      "exists      | false            | false",
      "==          | \"Redmi Note 12\" | true",
      "==          | \"redmi note 12\" | false",
      "==          | \"Redmi Note\"    | false",
      "!=          | \"Galaxy S23\"    | true",
      "!=          | \"Redmi Note 12\" | false",
      "!=          | \"REDMI NOTE 12\" | true",
      "starts_with | \"Redmi\"         | true",
      "starts_with | \"redmi\"         | false",
      "starts_with | \"Note\"          | false",
      "ends_with   | \"Note 12\"       | true",
      "ends_with   | \"note 12\"       | false",
      "ends_with   | \"Redmi\"         | false",
      "contains    | \"mi No\"         | true",
      "contains    | \"MI NO\"         | false",
      "contains    | \"Redmi Note 12!\" | false"})
  void aStringFieldThatIsPresent(String relation, String value, boolean expected) {
    assertThat(holds(condition("deviceModel", relation, value), "{\"deviceModel\": \"Redmi Note 12\"}"))
        .isEqualTo(expected);
  }

  @Test
  void anEmptyStringIsPresent() {
    assertThat(holds(condition("osVersion", "exists", "true"), "{\"osVersion\": \"\"}")).isTrue();
    assertThat(holds(condition("osVersion", "!=", "\"13\""), "{\"osVersion\": \"\"}")).isTrue();
  }

  @ParameterizedTest(name = "sessionCount 5: {0} {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "==  | 5 | true", "==  | 6 | false", "!=  | 6 | true", "!=  | 5 | false",
      ">   | 4 | true", ">   | 5 | false", ">=  | 5 | true", ">=  | 6 | false",
      "<   | 6 | true", "<   | 5 | false", "<=  | 5 | true", "<=  | 4 | false"})
  void anIntFieldThatIsPresent(String relation, String value, boolean expected) {
    assertThat(holds(condition("sessionCount", relation, value), "{\"sessionCount\": 5}")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "lastSession 9223372036854775806: {0} {1} is {2}")
  @CsvSource(delimiter = '|', value = {
      "==  | 9223372036854775806 | true", "!=  | 9223372036854775806 | false",
      ">   | 9223372036854775805 | true", ">=  | 9223372036854775807 | false",
      "<   | 9223372036854775807 | true", "<=  | 9223372036854775805 | false",
      ">   | 0                   | true", "==  | 1771924492782       | false"})
  void aLongFieldThatIsPresentComparesAsIntegers(String relation, String value, boolean expected) {
    assertThat(holds(condition("lastSession", relation, value), "{\"lastSession\": 9223372036854775806}"))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "tags {0}: {1} {2} is {3}")
  @CsvSource(delimiter = '|', value = {
      "missing              | exists   | true      | false",
      "missing              | exists   | false     | true",
      "missing              | ==       | \"beta\"  | false",
      "missing              | contains | \"beta\"  | false",
      "missing              | !=       | \"beta\"  | true",
      "[]                   | exists   | -         | false",
      "[]                   | exists   | false     | true",
      "[]                   | !=       | \"beta\"  | true",
      "[\"beta\", \"vip\"]  | exists   | true      | true",
      "[\"beta\", \"vip\"]  | exists   | false     | false",
      "[\"beta\", \"vip\"]  | ==       | \"beta\"  | true",
      "[\"beta\", \"vip\"]  | contains | \"vip\"   | true",
      "[\"beta\", \"vip\"]  | ==       | \"Beta\"  | false",
      "[\"beta\", \"vip\"]  | contains | \"bet\"   | false",
      "[\"beta\", \"vip\"]  | !=       | \"beta\"  | false",
      "[\"beta\", \"vip\"]  | !=       | \"alpha\" | true"})
  void tags(String tags, String relation, String value, boolean expected) {
    String device = tags.equals("missing") ? "{\"country\": \"PL\"}" : "{\"tags\": " + tags + "}";
    assertThat(holds(condition("tags", relation, value), device)).isEqualTo(expected);
  }

  @Test
  void aDeviceWithManyTagsHasEachOfThemAndNoOther() {
    JsonArray tags = new JsonArray();
    for (int t = 0; t < 100; t++) {
      tags.add("tag-" + t);
    }
    String device = new JsonObject().put("tags", tags).encode();
    assertThat(holds(condition("tags", "==", "\"tag-0\""), device)).isTrue();
    assertThat(holds(condition("tags", "contains", "\"tag-99\""), device)).isTrue();
    assertThat(holds(condition("tags", "==", "\"tag-100\""), device)).isFalse();
    assertThat(holds(condition("tags", "!=", "\"tag-57\""), device)).isFalse();
  }

  @Test
  void anAndGroupMatchesWhenAllItsConditionsHoldAndAnOrGroupWhenOneDoes() {
    JsonObject yes = condition("country", "==", "\"PL\"");
    JsonObject no = condition("country", "==", "\"DE\"");
    JsonArray constraints = new JsonArray()
        .add(group("AND", yes, yes))
        .add(group("AND", yes, no))
        .add(group("OR", no, yes))
        .add(group("OR", no, no));

    JsonArray groups = results(constraints, new JsonArray().add(new JsonObject().put("country", "PL")))
        .getJsonObject(0).getJsonArray("groups");

    assertThat(groups.stream().map(g -> ((JsonObject) g).getBoolean("matched"))).containsExactly(true, false, true,
        false);
    assertThat(groups.getJsonObject(1).getJsonArray("conditions")).containsExactly(true, false);
    assertThat(groups.getJsonObject(2).getJsonArray("conditions")).containsExactly(false, true);
  }

  @Test
  void aSegmentMatchesWhenAllItsGroupsDo() {
    JsonArray constraints = new JsonArray()
        .add(group("AND", condition("country", "==", "\"PL\"")))
        .add(group("OR", condition("type", "==", "\"phone\""), condition("type", "==", "\"tablet\"")));
    JsonArray devices = new JsonArray()
        .add(new JsonObject().put("country", "PL").put("type", "tablet"))
        .add(new JsonObject().put("country", "PL").put("type", "desktop"))
        .add(new JsonObject().put("country", "DE").put("type", "phone"));

    JsonArray results = results(constraints, devices);

    assertThat(results.stream().map(r -> ((JsonObject) r).getBoolean("matched"))).containsExactly(true, false, false);
  }

  @Test
  void noGroupsAtAllMatchEveryDevice() {
    JsonArray results = results(new JsonArray(), new JsonArray().add(new JsonObject()).add(new JsonObject()
        .put("country", "PL")));

    assertThat(results).containsExactly(
        new JsonObject().put("matched", true).put("groups", new JsonArray()),
        new JsonObject().put("matched", true).put("groups", new JsonArray()));
  }
}
