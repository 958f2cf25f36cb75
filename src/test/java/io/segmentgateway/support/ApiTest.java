package io.segmentgateway.support;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that talk HTTP to the service: one server and one fresh database per test class. A class
 * changes the server's configuration with configure(), and puts a FaultProxy between it and PostgreSQL with
 * throughProxy(); its own @BeforeAll methods run once the server is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest {

  protected TestServer server;
  /** Between the service and PostgreSQL when throughProxy() is true, else null. */
  protected FaultProxy proxy;

  /** What this class changes in the configuration (port 0 and a fresh database are already given). */
  protected AppConfig configure(AppConfig config) {
    return config;
  }

  /** True to reach the database through a FaultProxy (this.proxy) that the tests can cut, stall or slow down. */
  protected boolean throughProxy() {
    return false;
  }

  @BeforeAll
  void startServer() {
    proxy = throughProxy() ? FaultProxy.toTestDatabase() : null;
    server = TestServer.start(c -> configure(proxy == null ? c : c.withDb(proxy.through(c.db()))));
  }

  @AfterAll
  void stopServer() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (proxy != null) {
        proxy.close();
      }
    }
  }

  protected Reply send(String key, HttpMethod method, String uri) {
    return server.send(server.as(key, method, uri));
  }

  protected Reply sendJson(String key, HttpMethod method, String uri, Object body) {
    return server.sendJson(server.as(key, method, uri), body);
  }

  /** Creates a segment as app A, checking that it worked, and returns the body of the 201. */
  protected JsonObject createSegment(JsonObject body) {
    return createSegment(server.keyA(), body);
  }

  protected JsonObject createSegment(String key, JsonObject body) {
    Reply reply = sendJson(key, HttpMethod.POST, "/v1/segments", body);
    if (reply.status() != 201) {
      throw new AssertionError("create failed: " + reply);
    }
    return reply.json();
  }

  /** A small valid body for POST: one group with one condition. */
  protected static JsonObject newSegment(String name) {
    return new JsonObject()
        .put("name", name)
        .put("constraints", new JsonArray().add(group("AND", condition("country", "==", "PL"))));
  }

  protected static JsonObject group(String type, JsonObject... conditions) {
    JsonArray list = new JsonArray();
    for (JsonObject c : conditions) {
      list.add(c);
    }
    return new JsonObject().put("type", type).put("constraints", list);
  }

  protected static JsonObject condition(String field, String relation, Object value) {
    return new JsonObject().put("field", field).put("relation", relation).put("value", value);
  }
}
