package io.segmentgateway.segment;

/** Which segment a read names: every read is scoped by app, so another app's segment is simply not there. */
public record SegmentKey(String appId, String id) {
}
