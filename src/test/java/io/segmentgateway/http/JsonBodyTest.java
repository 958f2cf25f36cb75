package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Content types and strict JSON decoding of request bodies. */
class JsonBodyTest {

  @Test
  void applicationJsonWithOrWithoutParametersIsJson() {
    assertThat(JsonBody.isJson("application/json")).isTrue();
    assertThat(JsonBody.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(JsonBody.isJson(" application/json ;charset=UTF-8")).isTrue();
  }

  @Test
  void otherMediaTypesAreNotJson() {
    assertThat(JsonBody.isJson(null)).isFalse();
    assertThat(JsonBody.isJson("")).isFalse();
    assertThat(JsonBody.isJson("text/plain")).isFalse();
    assertThat(JsonBody.isJson("application/jsonx")).isFalse();
    assertThat(JsonBody.isJson("application/merge-patch+json")).isFalse();
  }

  @Test
  void anyJsonValueDecodesAsJsonDecodeValueWould() {
    assertThat(JsonBody.parse(Buffer.buffer("{\"a\":[1,2]}"))).isEqualTo(new JsonObject().put("a", new JsonArray().add(1).add(2)));
    assertThat(JsonBody.parse(Buffer.buffer("[]"))).isEqualTo(new JsonArray());
    assertThat(JsonBody.parse(Buffer.buffer("\"text\""))).isEqualTo("text");
    assertThat(JsonBody.parse(Buffer.buffer("12"))).isEqualTo(12);
    assertThat(JsonBody.parse(Buffer.buffer("null"))).isNull();
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> JsonBody.parse(Buffer.buffer("{\n\"a\": tru }")))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.problem().status()).isEqualTo(400);
          assertThat(e.problem().type()).isEqualTo("malformed-json");
          assertThat(e.problem().errors().getJsonObject(0).getString("message")).contains("line 2, column");
        });
  }

  @Test
  void trailingContentCommentsAndDuplicateKeysAreMalformed() {
    for (String text : new String[] {"{} []", "{\"a\":1} // c", "{/* c */}", "{\"a\":1,\"a\":2}", "{\"a\":1,}"}) {
      assertThatThrownBy(() -> JsonBody.parse(Buffer.buffer(text))).as(text)
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().type()).isEqualTo("malformed-json"));
    }
  }
}
