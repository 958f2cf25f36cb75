package io.segmentgateway.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Generated ids and list cursors. */
class SegmentIdsTest {

  @Test
  void generatedIdsAreSegPlusThirteenBase62() {
    for (int i = 0; i < 1000; i++) {
      assertThat(SegmentIds.generate()).matches("seg_[A-Za-z0-9]{13}");
    }
  }

  @Test
  void aCursorLeadsBackToItsId() {
    String cursor = SegmentIds.cursorAfter("seg_jfeZ4NrGegjV9");
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(SegmentIds.idFromCursor(cursor)).isEqualTo("seg_jfeZ4NrGegjV9");
  }

  @Test
  void aCursorThatIsNotAnEncodedIdIsRejected() {
    assertThat(SegmentIds.idFromCursor("")).isNull();
    assertThat(SegmentIds.idFromCursor("!!")).isNull();
    assertThat(SegmentIds.idFromCursor(SegmentIds.cursorAfter("seg_"))).isNull();
    assertThat(SegmentIds.idFromCursor("c2VnX2Fi/w")).isNull();
  }

  @Test
  void idsFollowThePattern() {
    assertThat(SegmentIds.valid("seg_a")).isTrue();
    assertThat(SegmentIds.valid("seg_" + "a".repeat(64))).isTrue();
    assertThat(SegmentIds.valid("seg_" + "a".repeat(65))).isFalse();
    assertThat(SegmentIds.valid("seg_")).isFalse();
    assertThat(SegmentIds.valid("SEG_a")).isFalse();
    assertThat(SegmentIds.valid("seg_a-b")).isFalse();
  }
}
