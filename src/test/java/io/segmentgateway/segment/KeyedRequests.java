package io.segmentgateway.segment;

import io.segmentgateway.config.AppConfig;
import io.segmentgateway.support.Reply;
import io.segmentgateway.support.TestDatabase;
import io.segmentgateway.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Writes with an Idempotency-Key, and what idempotency_records holds, for the tests of the header. */
final class KeyedRequests {

  static final String REPLAYED = "Idempotent-Replayed";

  private KeyedRequests() {
  }

  /** A new key, as clients are asked to make them. */
  static String newKey() {
    return UUID.randomUUID().toString();
  }

  /** The request with the key as the header carries it (quoted); key null: without the header. */
  static HttpRequest<Buffer> request(TestServer server, String apiKey, HttpMethod method, String uri, String key) {
    HttpRequest<Buffer> request = server.as(apiKey, method, uri);
    if (key != null) {
      request.putHeader("Idempotency-Key", "\"" + key + "\"");
    }
    return request;
  }

  /** Sends body (JSON text; null for none) and does not wait. */
  static Future<HttpResponse<Buffer>> start(TestServer server, String apiKey, HttpMethod method, String uri,
      String key, String body) {
    HttpRequest<Buffer> request = request(server, apiKey, method, uri, key);
    if (body == null) {
      return request.send();
    }
    return request.putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body));
  }

  static Reply keyed(TestServer server, String apiKey, HttpMethod method, String uri, String key, String body) {
    return TestServer.await(start(server, apiKey, method, uri, key, body));
  }

  static Reply post(TestServer server, String key, String body) {
    return keyed(server, server.keyA(), HttpMethod.POST, "/v1/segments", key, body);
  }

  static Reply patch(TestServer server, String key, String body) {
    return keyed(server, server.keyA(), HttpMethod.PATCH, "/v1/segments", key, body);
  }

  static Reply delete(TestServer server, String key, String id) {
    return keyed(server, server.keyA(), HttpMethod.DELETE, "/v1/segments/" + id, key, null);
  }

  /**
   * The first column of the first row of a query on the server's database (a count, a version), straight to
   * PostgreSQL even when the server reaches it through a proxy.
   */
  static long queryLong(TestServer server, String sql) {
    try (Connection c = TestDatabase.connect(direct(server)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The server's database, not through a proxy. */
  static AppConfig.Db direct(TestServer server) {
    return TestDatabase.admin().withDatabase(server.config().db().database());
  }

  static long records(TestServer server) {
    return queryLong(server, "SELECT count(*) FROM idempotency_records");
  }

  /** The version the database holds for a segment of app A, -1 when there is none. */
  static long version(TestServer server, String id) {
    return queryLong(server, "SELECT version FROM segments WHERE app_id = '" + TestServer.APP_A + "' AND id = '"
        + id + "'");
  }
}
