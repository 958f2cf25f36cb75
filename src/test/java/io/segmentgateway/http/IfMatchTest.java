package io.segmentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** If-Match values and the versions they allow. */
class IfMatchTest {

  @Test
  void noHeaderOrStarAllowsAnyVersion() {
    assertThat(IfMatch.versions(List.of())).isNull();
    assertThat(IfMatch.versions(List.of("*"))).isNull();
    assertThat(IfMatch.versions(List.of(" * "))).isNull();
  }

  @Test
  void entityTagsNameVersions() {
    assertThat(IfMatch.versions(List.of("\"3\""))).containsExactly(3L);
    assertThat(IfMatch.versions(List.of("W/\"3\""))).containsExactly(3L);
    assertThat(IfMatch.versions(List.of("\"3\", W/\"4\" ,\"5\""))).containsExactly(3L, 4L, 5L);
    assertThat(IfMatch.versions(List.of("\"3\"", "\"9\""))).containsExactly(3L, 9L);
  }

  @Test
  void tagsThatAreNotVersionsMatchNothingButAreNotErrors() {
    assertThat(IfMatch.versions(List.of("\"abc\""))).isEmpty();
    assertThat(IfMatch.versions(List.of("\"abc\", \"2\""))).containsExactly(2L);
    assertThat(IfMatch.versions(List.of("\"99999999999999999999\""))).isEmpty();
  }

  @Test
  void malformedValuesMatchNothing() {
    for (String bad : List.of("3", "\"3", "3\"", "\"3\" x", "", " ", "\"3\";\"4\"", "W/3", "*, \"3\"")) {
      assertThat(IfMatch.versions(List.of(bad))).as(bad).isEmpty();
    }
    assertThat(IfMatch.versions(List.of("*", "\"3\""))).isEmpty();
  }
}
