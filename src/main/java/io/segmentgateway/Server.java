package io.segmentgateway;

import io.segmentgateway.auth.KeyRevocations;
import io.segmentgateway.config.AppConfig;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.db.Statements;
import io.segmentgateway.telemetry.Metrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: schema migrated, one verticle per event loop on one port, each with its own database pool.
 * Main and the tests start it the same way.
 */
public final class Server implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Vertx vertx;
  private final Services shared;
  private final List<HttpServer> httpServers;
  private final KeyRevocations revocations;
  private final String revocationsDeployment;

  private Server(Vertx vertx, Services shared, KeyRevocations revocations, String revocationsDeployment) {
    this.vertx = vertx;
    this.shared = shared;
    this.httpServers = List.copyOf(shared.listening());
    this.revocations = revocations;
    this.revocationsDeployment = revocationsDeployment;
  }

  /**
   * Blocks until the service listens (or throws). The migrations run on a thread of their own, never on an event
   * loop, while this one builds the rest: both mostly load classes, and two cores do that side by side. Nothing
   * listens before the schema is up to date.
   */
  public static Server start(AppConfig config) {
    Transport transport = transport(config.transport());
    FutureTask<MigrateResult> migrations = new FutureTask<>(() -> Migrations.migrate(config.db()));
    Thread thread = new Thread(migrations, "migrations");
    // A start that fails elsewhere does not wait for it: the process ends, and PostgreSQL rolls back what it did.
    thread.setDaemon(true);
    thread.start();
    return listen(config, migrations, transport);
  }

  /** Starts serving without touching the schema: the database may even be down (requests then get 503). */
  public static Server listen(AppConfig config) {
    return listen(config, null, transport(config.transport()));
  }

  /** migrations: null, or what must end well before anything listens. */
  private static Server listen(AppConfig config, FutureTask<MigrateResult> migrations, Transport transport) {
    Metrics metrics = new Metrics();
    Vertx vertx = metrics.createVertx(transport);
    Services shared = Services.create(config, metrics, vertx);
    KeyRevocations revocations = new KeyRevocations(config, shared.keys());
    metrics.gauge("key.revocations.listening",
        "1 while this instance listens for API key revocations, 0 while it relies on the cache TTL",
        () -> revocations.listening() ? 1 : 0);
    AtomicInteger verticles = new AtomicInteger();
    String revocationsDeployment;
    try {
      if (migrations != null) {
        awaitMigrations(migrations);
      }
      // Completes at once: the listener connects in the background and never holds up start-up.
      revocationsDeployment = vertx.deployVerticle(revocations)
          .await();
      vertx.deployVerticle(
              // The verticle's own pool: only this verticle uses it, so its connections live on its event loop.
              () -> new ServerVerticle(shared,
                  LoopServices.create(shared, shared.pools().forVerticle(verticles.getAndIncrement()))),
              new DeploymentOptions().setInstances(config.instances()))
          .await();
    } catch (RuntimeException | Error e) {
      vertx.close().await();
      throw e;
    }
    shared.recordExpiry().start();
    Server server = new Server(vertx, shared, revocations, revocationsDeployment);
    LOG.info("Listening on port {} with {} event loop verticles on {}, database {}:{}/{}", server.port(),
        config.instances(), transport.name(), config.db().host(), config.db().port(), config.db().database());
    return server;
  }

  /**
   * io_uring, where asked for and the kernel allows it (container runtimes' default seccomp profiles often refuse
   * it): the event loops submit their reads and writes in batches, and the service spent 6 to 8 us less CPU per
   * PATCH than on Java NIO (bench/README.md). Otherwise NIO.
   *
   * Chosen before any other thread of ours runs: asking loads Netty's native library, whose JNI_OnLoad looks up JDK
   * classes while holding the JVM's lock on native libraries. The migrations' JDBC connect initialises
   * java.net.InetAddress, which loads the JDK's own net library under that same lock: side by side, the two
   * deadlocked the start in 2 of 25 starts here.
   */
  private static Transport transport(String name) {
    if (AppConfig.IO_URING.equals(name)) {
      if (Transport.IO_URING.available()) {
        return Transport.IO_URING;
      }
      LOG.info("io_uring is not available here ({}): using Java NIO", Transport.IO_URING.unavailabilityCause()
          .toString());
    }
    return Transport.NIO;
  }

  /** Rethrows what the migrations threw, as it was thrown. */
  private static void awaitMigrations(FutureTask<MigrateResult> migrations) {
    try {
      migrations.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the schema was migrated", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the schema migration failed", e.getCause());
    }
  }

  /** The port all verticles share (they listen on one port, the first bound it). */
  public int port() {
    return httpServers.get(0).actualPort();
  }

  /** Readiness answers 503 from now on, and every response closes its connection (see Drain). */
  public void startDraining() {
    shared.drain().start();
  }

  /**
   * Stops accepting connections (the listening socket closes first, see EdgeConnections.closeListener), closes idle
   * ones, and lets every request in flight finish, each connection closing after its response (HttpServer.shutdown;
   * vertx.close() alone would cut them). Past timeoutMillis
   * the remaining connections are closed regardless. Completes when every connection is closed.
   */
  public Future<Void> stopListening(long timeoutMillis) {
    return shared.edge().closeListener(vertx)
        .otherwiseEmpty()
        .compose(closed -> {
          List<Future<Void>> closing = new ArrayList<>();
          for (HttpServer httpServer : httpServers) {
            closing.add(httpServer.shutdown(timeoutMillis, TimeUnit.MILLISECONDS));
          }
          return Future.join(closing);
        })
        .mapEmpty();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** HTTP connections open now (the cap is http.maxConnections). */
  public int openConnections() {
    return shared.edge().open();
  }

  /**
   * The route table the first verticle serves (each verticle builds the same one, ApiRouter.create): what the
   * test that compares the routes with openapi.json reads, from the server as it runs rather than from a copy.
   */
  Router router() {
    return (Router) httpServers.get(0).requestHandler();
  }

  /** A request pool, for work beside the requests (tests, the development launcher). */
  public Pool pool() {
    return shared.pools().any();
  }

  /** Statements on that pool, with the service's query timeout (creating keys in tests and in the launcher). */
  public Statements statements() {
    return new Statements(shared.pools().any(), shared.config().db().queryTimeoutMillis());
  }

  /** What drops revoked keys from the cache at once (tests ask whether it listens). */
  public KeyRevocations keyRevocations() {
    return revocations;
  }

  /** Stops listening for key revocations; the drain does it once no request is left, before the pools close. */
  public Future<Void> stopKeyRevocations() {
    return vertx.undeploy(revocationsDeployment);
  }

  /**
   * Leaves the fleet that shares rate limits (the others stop counting this instance at once) and closes the Redis
   * client; the drain does it once no request is left. Completes at once without Redis.
   */
  public Future<Void> leaveFleet() {
    return shared.fleet() == null ? Future.succeededFuture() : shared.fleet().close();
  }

  /** Closes every request pool (after the requests in flight have finished), and stops expiring records first. */
  public Future<Void> closePools() {
    shared.recordExpiry().stop();
    return shared.pools().close();
  }

  /** Writes the access-log lines still queued (after Vert.x closed, every loop has handed over its own). */
  public void closeAccessLog() {
    if (shared.accessLog() != null) {
      shared.accessLog().close();
    }
  }

  /** Leaves the fleet, within a second at most (Redis may not answer), then closes everything. */
  @Override
  public void close() {
    try {
      leaveFleet().await(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Could not leave the rate limit fleet cleanly ({}); the others count this instance for a few seconds",
          e.toString());
    }
    vertx.close().await();
    closeAccessLog();
  }
}
