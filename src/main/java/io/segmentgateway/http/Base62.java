package io.segmentgateway.http;

import java.security.SecureRandom;

/** Random strings of [0-9A-Za-z] from a secure source, for segment ids and API keys. */
public final class Base62 {

  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Base62() {
  }

  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      // nextInt(bound) rejects the biased tail itself, so every character is uniform.
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
