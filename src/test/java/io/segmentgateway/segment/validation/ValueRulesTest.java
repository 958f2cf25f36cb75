package io.segmentgateway.segment.validation;

import static io.segmentgateway.segment.validation.Bodies.condition;
import static io.segmentgateway.segment.validation.Bodies.patchWithConditions;
import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.http.BodyProblem;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules beyond the schema: ISO codes, IANA zones, e-mail syntax, device types (for == and != only). */
class ValueRulesTest {

  @Test
  void everyOfficialCountryCodeAndUkIsAccepted() {
    assertThat(IsoCodes.COUNTRIES).hasSize(250).contains("PL", "US", "GB", "UK", "AX", "SS", "ZW");
    for (String code : IsoCodes.COUNTRIES) {
      assertThat(accepted("country", code)).as(code).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pl", "Pl", "XX", "POL", "P", "EU", "XK", "DD"})
  void aCountryThatIsNotAnUpperCaseAlpha2CodeIsRefusedByARule(String code) {
    Validation validation = check("country", "==", code);

    assertThat(validation.schemaValid()).isTrue();
    assertThat(validation.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.source()).isEqualTo(BodyProblem.Source.RULE);
      assertThat(problem.pointer()).isEqualTo("/constraints/0/constraints/0/value");
      assertThat(problem.message()).isEqualTo("'" + code + "' is not an ISO 3166-1 alpha-2 country code in upper"
        + " case, such as PL, US or UK");
    });
  }

  @Test
  void languagesAreIso639Dash2CodesWithBothBibliographicAndTerminologicVariants() {
    assertThat(IsoCodes.LANGUAGES).hasSize(506);
    for (String code : new String[] {"eng", "pol", "ger", "deu", "fre", "fra", "chi", "zho", "cze", "ces", "mis",
      "mul", "und", "zxx", "tlh"}) {
      assertThat(accepted("language", code)).as(code).isTrue();
    }
    for (String code : new String[] {"en", "ENG", "Eng", "xyz", "qaa", "qtz", "english"}) {
      assertThat(accepted("language", code)).as(code).isFalse();
    }
  }

  @Test
  void timeZonesAreIanaAreaLocationIdsAndBareLegacyIdsAreRefused() {
    for (String zone : new String[] {"Europe/Warsaw", "America/Argentina/Buenos_Aires", "Etc/UTC", "Etc/GMT+5",
      "US/Eastern", "Asia/Kolkata"}) {
      assertThat(accepted("timezone", zone)).as(zone).isTrue();
    }
    for (String zone : new String[] {"EST5EDT", "CET", "UTC", "GMT", "Cuba", "SystemV/AST4", "europe/warsaw",
      "Europe/Atlantis", "+02:00", "Z"}) {
      assertThat(accepted("timezone", zone)).as(zone).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@example.com", "first.last+tag@sub.example.co.uk", "o'neil@example.org",
    "użytkownik@przykład.pl", "a@b.io", "x_y-z@example-mail.com", "1@2.example"})
  void aSyntacticallyValidEmailIsAccepted(String email) {
    assertThat(accepted("email", email)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plainaddress", "@example.com", "user@", "user@localhost", "user@@example.com",
    "user@example..com", ".user@example.com", "user.@example.com", "us..er@example.com", "user@-example.com",
    "user@example-.com", "user name@example.com", "user@example.123", "\"quoted\"@example.com", "user@[127.0.0.1]",
    "user@exam_ple.com"})
  void anEmailWithBrokenSyntaxIsRefusedByARule(String email) {
    Validation validation = check("email", "!=", email);

    assertThat(validation.schemaValid()).isTrue();
    assertThat(validation.problems()).singleElement()
      .extracting(BodyProblem::message).asString().endsWith("is not a valid e-mail address such as user@example.com");
  }

  @Test
  void aLocalPartOver64CharactersIsRefused() {
    assertThat(accepted("email", "a".repeat(64) + "@example.com")).isTrue();
    assertThat(accepted("email", "a".repeat(65) + "@example.com")).isFalse();
  }

  @Test
  void theDeviceTypeIsOneOfFourLowerCaseWords() {
    for (String type : new String[] {"phone", "tablet", "smartwatch", "desktop"}) {
      assertThat(accepted("type", type)).as(type).isTrue();
      assertThat(accepted("type", type.toUpperCase(Locale.ROOT))).as(type).isFalse();
    }
    assertThat(check("type", "==", "laptop").problems()).singleElement().extracting(BodyProblem::message)
      .isEqualTo("'laptop' is not a device type: one of phone, tablet, smartwatch, desktop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"starts_with", "ends_with", "contains"})
  void partialMatchesOnFormattedFieldsTakeAnyNonEmptyString(String relation) {
    for (String field : new String[] {"country", "language", "timezone", "email", "type"}) {
      assertThat(check(field, relation, "x").problems()).as(field).isEmpty();
      assertThat(check(field, relation, "").schemaValid()).as(field).isFalse();
    }
  }

  @Test
  void fieldsWithoutAFormatTakeAnyNonEmptyString() {
    assertThat(check("deviceModel", "==", "Galaxy S23 😀").problems()).isEmpty();
    assertThat(check("deviceModel", "==", "").problems()).singleElement()
      .extracting(BodyProblem::message).isEqualTo("must be 1 to 256 characters, got 0");
  }

  @Test
  void tagsTakeAnyNonEmptyTagString() {
    assertThat(check("tags", "==", "vip").problems()).isEmpty();
    assertThat(check("tags", "contains", "vip customer").problems()).isEmpty();
    assertThat(check("tags", "!=", "").schemaValid()).isFalse();
    assertThat(check("tags", "==", 5).problems()).singleElement().extracting(BodyProblem::message)
      .isEqualTo("tags field 'tags' takes a string value, got a number");
  }

  @Test
  void textThePostgresqlDatabaseCannotStoreIsRefusedByARule() {
    assertThat(check("deviceModel", "==", "a\u0000b").problems()).singleElement().satisfies(problem -> {
      assertThat(problem.source()).isEqualTo(BodyProblem.Source.RULE);
      assertThat(problem.message()).isEqualTo("must not contain the character U+0000");
    });
    assertThat(check("deviceModel", "==", "a\uD800b").problems()).singleElement()
      .extracting(BodyProblem::message).isEqualTo("must not contain an unpaired surrogate (\\ud800)");
  }

  private static boolean accepted(String field, String value) {
    return check(field, "==", value).valid() && check(field, "!=", value).valid();
  }

  private static Validation check(String field, String relation, Object value) {
    return Bodies.patch(patchWithConditions(condition(field, relation, value)));
  }
}
