package io.segmentgateway.segment.validation;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/**
 * One request body of the HTTP property test: a valid PATCH of the lane's segment now and then, else a generated
 * PATCH or POST broken by BodyMutator, and some of those broken again at the byte level (truncated, trailing bytes,
 * invalid UTF-8, a key given twice, nesting deeper than the parser reads).
 */
record GeneratedBody(boolean post, boolean valid, byte[] bytes) {

  /** Byte sequences that are not UTF-8: a stray continuation, an overlong slash, a lone surrogate, past U+10FFFF. */
  private static final byte[][] NOT_UTF8 = {
    {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0,
    (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
  private static final String[] TRAILING = {" x", ",{}", "}", "\u0000", " // c", "\n{\"id\": 1}", "]"};

  static GeneratedBody next(Random random, String laneId) {
    BodyGenerator generator = new BodyGenerator(random);
    if (random.nextInt(8) == 0) {
      // The generator's bodies are the schema's; the service is stricter about number literals (5.0, 1e2), so the
      // valid PATCH is a plain one whose effect is known.
      String name = "valid " + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      String constraints = random.nextBoolean() ? ""
          : ",\"constraints\":[{\"type\":\"AND\",\"constraints\":[{\"field\":\"country\",\"relation\":\"==\","
          + "\"value\":\"PL\"}]}]";
      String text = "{\"id\":\"" + laneId + "\",\"name\":\"" + name + "\"" + constraints + "}";
      return new GeneratedBody(false, true, text.getBytes(StandardCharsets.UTF_8));
    }
    boolean post = random.nextInt(3) == 0;
    Map<String, Object> tree = post ? generator.create() : generator.patch();
    if (!post) {
      tree.put("id", laneId);
    }
    Object mutated = new BodyMutator(generator).mutate(tree, 1 + random.nextInt(3));
    byte[] text = JsonText.write(mutated).getBytes(StandardCharsets.UTF_8);
    return new GeneratedBody(post, false, breakBytes(random, text));
  }

  private static byte[] breakBytes(Random random, byte[] text) {
    switch (random.nextInt(12)) {
      case 0:
        return java.util.Arrays.copyOf(text, random.nextInt(Math.max(1, text.length)));
      case 1:
        return concat(text, TRAILING[random.nextInt(TRAILING.length)].getBytes(StandardCharsets.UTF_8));
      case 2: {
        int at = quoteInside(random, text);
        byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        return concat(concat(java.util.Arrays.copyOf(text, at), bad),
            java.util.Arrays.copyOfRange(text, at, text.length));
      }
      case 3: {
        String s = new String(text, StandardCharsets.UTF_8);
        int colon = s.indexOf(':');
        int comma = s.indexOf(',');
        if (s.startsWith("{") && colon > 0 && comma > colon) {
          return ("{" + s.substring(1, comma) + "," + s.substring(1)).getBytes(StandardCharsets.UTF_8);
        }
        return text;
      }
      case 4: {
        int depth = 900 + random.nextInt(300);
        String s = new String(text, StandardCharsets.UTF_8);
        String deep = "[".repeat(depth) + "1" + "]".repeat(depth);
        return (s.startsWith("{") ? "{\"constraints\": " + deep + "," + s.substring(1) : deep)
            .getBytes(StandardCharsets.UTF_8);
      }
      default:
        return text;
    }
  }

  /** A position just after an opening quote, or the middle when there is none. */
  private static int quoteInside(Random random, byte[] text) {
    int quotes = 0;
    for (byte b : text) {
      quotes += b == '"' ? 1 : 0;
    }
    if (quotes == 0) {
      return text.length / 2;
    }
    int pick = random.nextInt(quotes);
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '"' && pick-- == 0) {
        return i + 1;
      }
    }
    return text.length / 2;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Override
  public String toString() {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return (post ? "POST " : "PATCH ") + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
  }
}
