package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The expression's text: the public page's shape, and its strings exactly as Jackson writes JSON strings. */
class ExpressionTest {

  private static String expression(Object constraints) {
    Validation validation = Bodies.create(Bodies.object("name", "n", "constraints", constraints));
    assertThat(validation.valid()).as(validation.problems().toString()).isTrue();
    return Expression.of(validation.input().constraints());
  }

  @Test
  void thePublicPagesExampleReadsAsThePageWritesIt() {
    String text = expression(Bodies.list(
      Bodies.and(Bodies.condition("deviceManufacturer", "==", "Xiaomi"),
        Bodies.condition("deviceModel", "==", "Redmi Note XXXXX")),
      Bodies.and(Bodies.condition("osVersion", "EQUALS", "13"))));

    assertThat(text).isEqualTo(
      "(deviceManufacturer == \"Xiaomi\" AND deviceModel == \"Redmi Note XXXXX\") AND (osVersion == \"13\")");
  }

  @Test
  void relationsAreCanonicalNumbersBareAndExistsReadsAsWords() {
    String text = expression(Bodies.list(
      Bodies.or(Bodies.condition("lastSession", "gte", 1771924492782L), Bodies.exists("pushToken"),
        Bodies.condition("email", "exists", false)),
      Bodies.and(Bodies.condition("deviceModel", "STARTS_WITH", "Galaxy"),
        Bodies.condition("tags", "contains", "beta"))));

    assertThat(text).isEqualTo("(lastSession >= 1771924492782 OR pushToken exists OR email not exists)"
      + " AND (deviceModel starts_with \"Galaxy\" AND tags contains \"beta\")");
  }

  @Test
  void noGroupsAtAllIsTrue() {
    assertThat(Expression.of(new JsonArray())).isEqualTo("true");
  }

  @Test
  void stringsAreQuotedExactlyAsJacksonWritesThem() {
    Random random = new Random(13);
    String pieces = "a\"\\/\u0000\u0001\u001f\b\t\n\f\r\u007f\u0085\u2028é中\uD83D\uDE00\uD800 ";
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(pieces.charAt(random.nextInt(pieces.length())));
      }
      StringBuilder quoted = new StringBuilder();
      Expression.quote(text.toString(), quoted);
      assertThat(quoted.toString()).isEqualTo(Json.encode(text.toString()));
    }
  }
}
