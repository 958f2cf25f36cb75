package io.segmentgateway.segment;

import io.segmentgateway.http.Base62;
import io.segmentgateway.segment.validation.ConstraintRules;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Segment ids (ConstraintRules' shape) and the list cursor, which is the last id of a page in base64url. */
public final class SegmentIds {

  private static final int GENERATED_LENGTH = 13;
  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder()
      .withoutPadding();

  private SegmentIds() {
  }

  public static String generate() {
    return ConstraintRules.ID_PREFIX + Base62.random(GENERATED_LENGTH);
  }

  public static boolean valid(String id) {
    return id != null && ConstraintRules.isSegmentId(id);
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
