package io.segmentgateway;

import io.segmentgateway.auth.ApiKeyCache;
import io.segmentgateway.auth.BearerAuthHandler;
import io.segmentgateway.db.Database;
import io.segmentgateway.db.Migrations;
import io.segmentgateway.ops.HealthHandlers;
import io.segmentgateway.ops.OpenApi;
import io.segmentgateway.segment.SegmentHandlers;
import io.segmentgateway.segment.SegmentRepository;
import io.segmentgateway.segment.validation.SegmentValidator;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: schema migrated, one pool, one verticle per event loop on one port. Main and the tests
 * start it the same way.
 */
public final class Server implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Vertx vertx;
  private final Pool pool;
  private final int port;

  private Server(Vertx vertx, Pool pool, int port) {
    this.vertx = vertx;
    this.pool = pool;
    this.port = port;
  }

  /** Blocks until the service listens (or throws): migrations first, on this thread, not on an event loop. */
  public static Server start(AppConfig config) {
    Migrations.migrate(config.db());
    return listen(config);
  }

  /** Starts serving without touching the schema: the database may even be down (requests then get 503). */
  public static Server listen(AppConfig config) {
    SegmentValidator validator = SegmentValidator.create();
    OpenApi openApi = OpenApi.load();
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.createPool(vertx, config);
    ApiKeyCache keys = new ApiKeyCache(pool, config.keys());
    BearerAuthHandler auth = new BearerAuthHandler(keys);
    SegmentHandlers segments = new SegmentHandlers(new SegmentRepository(pool), validator);
    HealthHandlers health = new HealthHandlers(pool);
    AtomicInteger boundPort = new AtomicInteger();
    try {
      vertx.deployVerticle(
              () -> new ServerVerticle(config.port(), auth, segments, health, openApi, boundPort::set),
              new DeploymentOptions().setInstances(config.instances()))
          .await();
    } catch (RuntimeException | Error e) {
      vertx.close().await();
      throw e;
    }
    LOG.info("Listening on port {} with {} event loop verticles, database {}:{}/{}", boundPort.get(),
        config.instances(), config.db().host(), config.db().port(), config.db().database());
    return new Server(vertx, pool, boundPort.get());
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
