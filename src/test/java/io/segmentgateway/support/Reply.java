package io.segmentgateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** One HTTP answer as a test reads it. */
public record Reply(int status, MultiMap headers, Buffer body) {

  public String header(String name) {
    return headers.get(name);
  }

  public JsonObject json() {
    if (body == null || body.length() == 0) {
      throw new AssertionError("status " + status + " with an empty body");
    }
    return new JsonObject(body);
  }

  public String contentType() {
    return headers.get("Content-Type");
  }

  @Override
  public String toString() {
    return status + " " + (body == null ? "" : body.toString());
  }
}
