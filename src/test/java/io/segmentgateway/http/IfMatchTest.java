package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** If-Match values and the versions they allow (strong comparison, RFC 9110 §13.1.1). */
class IfMatchTest {

  @Test
  void noHeaderOrStarAllowsAnyVersion() {
    assertThat(IfMatch.versions(List.of())).isNull();
    assertThat(IfMatch.versions(List.of("*"))).isNull();
    assertThat(IfMatch.versions(List.of(" * "))).isNull();
  }

  @Test
  void strongEntityTagsNameVersions() {
    assertThat(IfMatch.versions(List.of("\"3\""))).containsExactly(3L);
    assertThat(IfMatch.versions(List.of("\"3\", \"4\" ,\"5\""))).containsExactly(3L, 4L, 5L);
    assertThat(IfMatch.versions(List.of("\"3\"", "\"9\""))).containsExactly(3L, 9L);
    assertThat(IfMatch.versions(List.of("\"999999999999999999\""))).containsExactly(999999999999999999L);
  }

  @Test
  void weakTagsNeverMatch() {
    assertThat(IfMatch.versions(List.of("W/\"3\""))).isEmpty();
    assertThat(IfMatch.versions(List.of("W/\"3\", \"4\""))).containsExactly(4L);
  }

  @Test
  void tagsThatOnlyReadAsTheNumberNameNoVersion() {
    for (String tag : List.of("\"03\"", "\"+3\"", "\"3.0\"", "\"\"", "\"abc\"", "\"99999999999999999999\"")) {
      assertThat(IfMatch.versions(List.of(tag))).as(tag).isEmpty();
    }
    assertThat(IfMatch.versions(List.of("\"abc\", \"2\""))).containsExactly(2L);
  }

  @Test
  void emptyListElementsAreSkipped() {
    assertThat(IfMatch.versions(List.of(", \"3\",, \"4\" ,"))).containsExactly(3L, 4L);
    assertThat(IfMatch.versions(List.of(""))).isEmpty();
    assertThat(IfMatch.versions(List.of(" , "))).isEmpty();
  }

  @Test
  void aValueThatIsNotStarOrAListOfEntityTagsIs400() {
    for (String bad : List.of("3", "\"3", "3\"", "\"3\" x", "\"3\";\"4\"", "W/3", "w/\"3\"", "*, \"3\"", "\"*\"x",
        "\"a\"b\"", "\" 3\"")) {
      assertThatThrownBy(() -> IfMatch.versions(List.of(bad))).as(bad)
          .isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors().getJsonObject(0).getString("header")).isEqualTo("If-Match");
          });
    }
    assertThatThrownBy(() -> IfMatch.versions(List.of("*", "\"3\""))).isInstanceOf(ProblemException.class);
  }
}
