package io.segmentgateway.segment.validation;

import java.util.HashMap;
import java.util.Map;

/**
 * A contains value compiled for substring search in linear time, whatever the text and the needle hold: String.contains
 * compares up to n × m characters at worst (a needle of 127 a's and a b, in 256 a's: about 2 µs), and evaluation runs
 * on the event loop. Needles of up to 64 characters are searched bit-parallel (shift-and: one table read and three
 * operations per character of the text), longer ones by Knuth-Morris-Pratt (at most 2n comparisons).
 */
final class Substring {

  private static final int BITS = Long.SIZE;

  private final char[] needle;
  /** Shift-and: bit i of masks[c] is set when needle[i] == c, for c below masks.length; null for long needles. */
  private final long[] masks;
  /** The same for the needle's characters at or above masks.length. */
  private final Map<Character, Long> otherMasks;
  /** Knuth-Morris-Pratt: fail[k] is the longest proper prefix of needle[0..k] that is also its suffix. */
  private final int[] fail;

  private Substring(char[] needle, long[] masks, Map<Character, Long> otherMasks, int[] fail) {
    this.needle = needle;
    this.masks = masks;
    this.otherMasks = otherMasks;
    this.fail = fail;
  }

  /** needle: at least one character. */
  static Substring of(String needle) {
    char[] chars = needle.toCharArray();
    return chars.length <= BITS ? bitParallel(chars) : new Substring(chars, null, null, failures(chars));
  }

  /** Whether text holds the needle, letter case included. */
  boolean in(String text) {
    if (needle.length > text.length()) {
      return false;
    }
    return masks != null ? shiftAnd(text) : knuthMorrisPratt(text);
  }

  private boolean shiftAnd(String text) {
    long found = 1L << (needle.length - 1);
    long state = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      long mask = c < masks.length ? masks[c] : otherMasks.isEmpty() ? 0L : otherMasks.getOrDefault(c, 0L);
      state = ((state << 1) | 1L) & mask;
      if ((state & found) != 0) {
        return true;
      }
    }
    return false;
  }

  private boolean knuthMorrisPratt(String text) {
    int m = needle.length;
    int k = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      while (k > 0 && needle[k] != c) {
        k = fail[k - 1];
      }
      if (needle[k] == c && ++k == m) {
        return true;
      }
    }
    return false;
  }

  /** The masks of the needle's Latin-1 characters in a table (as long as the highest), the others in a map. */
  private static Substring bitParallel(char[] chars) {
    int table = 0;
    for (char c : chars) {
      if (c < 256) {
        table = Math.max(table, c + 1);
      }
    }
    long[] masks = new long[table];
    Map<Character, Long> others = new HashMap<>();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c < table) {
        masks[c] |= 1L << i;
      } else {
        others.merge(c, 1L << i, (a, b) -> a | b);
      }
    }
    return new Substring(chars, masks, others, null);
  }

  private static int[] failures(char[] chars) {
    int[] fail = new int[chars.length];
    int k = 0;
    for (int i = 1; i < chars.length; i++) {
      while (k > 0 && chars[i] != chars[k]) {
        k = fail[k - 1];
      }
      if (chars[i] == chars[k]) {
        k++;
      }
      fail[i] = k;
    }
    return fail;
  }

  @Override
  public String toString() {
    return new String(needle);
  }
}
