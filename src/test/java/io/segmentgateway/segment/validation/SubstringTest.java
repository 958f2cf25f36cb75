package io.segmentgateway.segment.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear-time substring search answers as String.contains does, on needles short and long. */
class SubstringTest {

  /** Few letters, so that partial matches and overlaps are the rule; and characters beyond Latin-1. */
  private static final String ALPHABET = "aab\u00e9\u4e2d\uD83D\uDE00";

  @Test
  void itAgreesWithStringContainsOnRandomTextsAndNeedles() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = text(random, random.nextInt(300));
      String needle = random.nextInt(3) == 0 && text.length() > 2
        ? text.substring(random.nextInt(text.length() / 2), text.length() / 2 + random.nextInt(text.length() / 2))
        : text(random, 1 + random.nextInt(random.nextBoolean() ? 8 : 100));
      if (needle.isEmpty()) {
        continue;
      }
      assertThat(Substring.of(needle).in(text)).as("'%s' in '%s'", needle, text).isEqualTo(text.contains(needle));
    }
  }

  @Test
  void theSlowCaseOfNaiveSearchIsAnsweredRight() {
    String text = "a".repeat(256);
    assertThat(Substring.of("a".repeat(127) + "b").in(text)).isFalse();
    assertThat(Substring.of("a".repeat(64)).in(text)).isTrue();
    assertThat(Substring.of("a".repeat(65)).in(text)).isTrue();
    assertThat(Substring.of("a".repeat(200) + "b").in(text + "b")).isTrue();
    assertThat(Substring.of("a".repeat(257)).in(text)).isFalse();
  }

  private static String text(Random random, int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      int at = random.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      out.append(Character.isHighSurrogate(c) ? ALPHABET.substring(at, at + 2) : Character.isLowSurrogate(c) ? "a" : c);
    }
    return out.toString();
  }
}
