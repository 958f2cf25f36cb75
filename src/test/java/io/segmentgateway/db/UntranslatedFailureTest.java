package io.segmentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.segmentgateway.http.FailureHandler;
import io.segmentgateway.support.PortClient;
import io.segmentgateway.support.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A database failure that no statement translated (a handler that forgot Statements) still reaches the client as
 * the 503 of an outage, through the failure handler as the service wires it, never as a 500; a fault of ours that
 * is not about the database stays a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UntranslatedFailureTest {

  private final Vertx vertx = Vertx.vertx();
  private HttpServer http;
  private PortClient client;

  @BeforeAll
  void start() {
    Router router = Router.router(vertx);
    router.get("/refused").handler(ctx -> ctx.fail(new PgException("relation is missing", "ERROR", "42P01", null)));
    router.get("/lost").handler(ctx -> ctx.fail(VertxException.noStackTrace("Connection is closed")));
    router.get("/timeout").handler(ctx -> ctx.fail(new TimeoutException("no answer")));
    router.get("/bug").handler(ctx -> ctx.fail(new IllegalStateException("a fault of ours")));
    router.route().failureHandler(new FailureHandler(reason -> { }, DbErrors::unavailableOrNull));
    http = vertx.createHttpServer().requestHandler(router).listen(0).await();
    client = PortClient.toOtherServer(http.actualPort(), 10_000);
  }

  @AfterAll
  void stop() {
    client.close();
    vertx.close().await();
  }

  @Test
  void aRefusalByTheDatabaseThatNoStatementTranslatedIs503WithRetryAfter() {
    assertUnavailable(client.send(null, HttpMethod.GET, "/refused", null));
  }

  @Test
  void aLostConnectionOrATimeoutThatNoStatementTranslatedIs503() {
    assertUnavailable(client.send(null, HttpMethod.GET, "/lost", null));
    assertUnavailable(client.send(null, HttpMethod.GET, "/timeout", null));
  }

  @Test
  void aFaultThatIsNotAboutTheDatabaseStaysA500() {
    Reply reply = client.send(null, HttpMethod.GET, "/bug", null);
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.json().getString("type")).isEqualTo("internal");
  }

  private static void assertUnavailable(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.header("Retry-After")).isEqualTo("2");
    assertThat(reply.json().getString("type")).isEqualTo("unavailable");
    assertThat(reply.body().toString()).doesNotContain("relation", "42P01", "Connection");
  }
}
