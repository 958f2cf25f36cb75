package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text.withoutFinalLineTerminator mirrors what '$' means in java.util.regex, the engine vertx-json-schema
 * runs schema patterns with: it also matches before one final line terminator.
 */
class RegexEndTest {

  private static final Pattern ID = Pattern.compile("^seg_[A-Za-z0-9]{1,64}$");

  @ParameterizedTest
  @ValueSource(strings = {"seg_a", "seg_a\n", "seg_a\r\n", "seg_a\r", "seg_a\u0085", "seg_a\u2028", "seg_a\u2029",
    "seg_a\n\n", "seg_a\n\r", "seg_a\u000B", "seg_a\f", "seg_a ", "\nseg_a", "seg_", "seg_\n", "seg_a\r\r\n"})
  void aStringPassesTheIdPatternExactlyWhenItsUnterminatedFormIsAWellFormedId(String id) {
    boolean javaRegex = ID.matcher(id).find();

    assertThat(ConstraintRules.isSegmentId(Text.withoutFinalLineTerminator(id))).isEqualTo(javaRegex);
  }
}
