package io.segmentgateway.segment;

import io.segmentgateway.Base62;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Segment ids ("seg_" + base62) and the list cursor, which is the last id of a page in base64url. */
public final class SegmentIds {

  private static final Pattern ID = Pattern.compile("seg_[A-Za-z0-9]{1,64}");
  private static final int GENERATED_LENGTH = 13;
  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder()
      .withoutPadding();

  private SegmentIds() {
  }

  public static String generate() {
    return "seg_" + Base62.random(GENERATED_LENGTH);
  }

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static String cursorAfter(String id) {
    return CURSOR_ENCODER.encodeToString(id.getBytes(StandardCharsets.US_ASCII));
  }

  /** The id a cursor stands for, or null when it is not a cursor this service made. */
  public static String idFromCursor(String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > 128) {
      return null;
    }
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      return valid(id) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
