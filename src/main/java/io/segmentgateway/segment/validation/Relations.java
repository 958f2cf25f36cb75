package io.segmentgateway.segment.validation;

import io.segmentgateway.segment.validation.ConstraintRules.Relation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Finds a relation by any accepted spelling: canonical form or alias, in any ASCII letter case. */
final class Relations {

  /** For messages: the canonical forms, in table order. */
  static final String CANONICAL_LIST = canonicalList();

  /** Spellings as clients usually send them, so that the common case needs no case folding. */
  private static final Map<String, Relation> EXACT = new HashMap<>();
  /** Every spelling with ASCII letters folded to lower case. */
  private static final Map<String, Relation> FOLDED = new HashMap<>();

  static {
    for (Relation relation : Relation.values()) {
      register(relation.canonical(), relation);
      for (String alias : relation.aliases()) {
        register(alias, relation);
      }
    }
  }

  private Relations() {
  }

  /** The relation spelled so (ASCII letters in any case), or null. */
  static Relation find(String spelling) {
    Relation relation = EXACT.get(spelling);
    if (relation != null) {
      return relation;
    }
    String folded = foldAscii(spelling);
    return folded == spelling ? null : FOLDED.get(folded);
  }

  /**
   * Folds A-Z only, as the generated schema patterns do with their [eE]-style classes: no Unicode case
   * mapping (the Kelvin sign is not a K, the dotless i is not an i).
   */
  static String foldAscii(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && !isAsciiUpper(s.charAt(i))) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < n; i++) {
      if (isAsciiUpper(chars[i])) {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static void register(String spelling, Relation relation) {
    EXACT.put(spelling, relation);
    EXACT.put(spelling.toLowerCase(Locale.ROOT), relation);
    EXACT.put(spelling.toUpperCase(Locale.ROOT), relation);
    FOLDED.put(foldAscii(spelling), relation);
  }

  private static String canonicalList() {
    StringJoiner joiner = new StringJoiner(", ");
    for (Relation relation : Relation.values()) {
      joiner.add(relation.canonical());
    }
    return joiner.toString();
  }
}
