package io.segmentgateway.auth;

import io.segmentgateway.ratelimit.Limit;

/** An active API key as the service knows it: its app, and its own rate limit or null for the defaults. */
public record ApiKey(String appId, Limit limit) {
}
