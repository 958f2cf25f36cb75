package io.segmentgateway.segment.validation;

import io.vertx.core.json.JsonArray;

/**
 * The members of a valid body, ready to store: name trimmed, constraints canonical. A null member was not
 * sent (for PATCH: leave unchanged). id is null on a create that lets the server choose it.
 */
public record SegmentInput(String id, String name, String description, JsonArray constraints) {
}
