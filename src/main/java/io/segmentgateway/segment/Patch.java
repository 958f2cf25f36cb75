package io.segmentgateway.segment;

import io.segmentgateway.segment.idempotency.KeyedWrite;
import io.segmentgateway.segment.validation.SegmentInput;
import java.util.Comparator;

/**
 * One PATCH as the store applies it: the app it is scoped by, the members to change (validated and canonical),
 * the versions it may apply to (If-Match), null for any, and what its Idempotency-Key's record keeps (null
 * without a key).
 */
public record Patch(String appId, SegmentInput input, Long[] versions, KeyedWrite keyed) {

  /** A PATCH without an Idempotency-Key, which leaves no record: every dry run is one. */
  public Patch(String appId, SegmentInput input, Long[] versions) {
    this(appId, input, versions, null);
  }

  /** The order of a batch's rows: concurrent batches then lock rows in one order and cannot deadlock. */
  public static final Comparator<Patch> BY_KEY = Comparator.comparing(Patch::appId)
      .thenComparing(p -> p.input().id());

  /** The segment it changes: two PATCHes with one key never share a statement. */
  public String key() {
    return appId + '\u0000' + input.id();
  }
}
