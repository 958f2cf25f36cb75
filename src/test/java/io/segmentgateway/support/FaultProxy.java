package io.segmentgateway.support;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between the service and PostgreSQL that injects network faults, so that tests never touch the real
 * server: cut() closes every connection and each new one at once (the database went away); stall() makes every
 * connection, old and new, a black hole that neither reads nor answers (a hung network or server);
 * delay(ms) holds each client-to-server chunk that long (a slow database); restore() forwards new connections
 * normally again. Connections that were stalled stay black holes, as after a lost middlebox state: the service
 * has to notice and drop them itself. Runs on its own Vert.x, apart from the service's event loops.
 */
public final class FaultProxy implements AutoCloseable {

  private enum Mode { FORWARD, CUT, STALL }

  /** One proxied connection; stalled ones never forward again. */
  private final class Link {
    final NetSocket front;
    NetSocket back;
    volatile boolean stalled;
    long lastReleaseMillis;

    Link(NetSocket front) {
      this.front = front;
    }

    void toServer(Buffer data) {
      if (stalled) {
        return;
      }
      countWatched(data);
      long delay = delayMillis;
      if (delay <= 0) {
        back.write(data);
        return;
      }
      // Equal delays keep the order: each chunk leaves no earlier than the one before it.
      long release = Math.max(System.currentTimeMillis() + delay, lastReleaseMillis);
      lastReleaseMillis = release;
      vertx.setTimer(Math.max(1, release - System.currentTimeMillis()), id -> {
        if (!stalled) {
          back.write(data);
        }
      });
    }

    void close() {
      front.close();
      if (back != null) {
        back.close();
      }
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client;
  private final String targetHost;
  private final int targetPort;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicLong watchedToServer = new AtomicLong();
  private volatile String watched;
  private volatile Mode mode = Mode.FORWARD;
  private volatile long delayMillis;
  private int port;

  private FaultProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
  }

  /** A proxy on a free port of 127.0.0.1 that forwards to targetHost:targetPort. */
  public static FaultProxy start(String targetHost, int targetPort) {
    FaultProxy proxy = new FaultProxy(targetHost, targetPort);
    proxy.listen(0);
    return proxy;
  }

  /** A proxy in front of the PostgreSQL server the tests use. */
  public static FaultProxy toTestDatabase() {
    AppConfig.Db admin = TestDatabase.admin();
    return start(admin.host(), admin.port());
  }

  public int port() {
    return port;
  }

  /** The same database settings, reaching the database through this proxy. */
  public AppConfig.Db through(AppConfig.Db db) {
    return db.withAddress("127.0.0.1", port);
  }

  /**
   * From now on, counts the client-to-server chunks that contain text (e.g. one SQL statement: small messages
   * travel in one chunk).
   */
  public void watch(String text) {
    watched = text;
    watchedToServer.set(0);
  }

  public long watchedCount() {
    return watchedToServer.get();
  }

  private void countWatched(Buffer data) {
    String text = watched;
    if (text != null && data.toString(StandardCharsets.ISO_8859_1).contains(text)) {
      watchedToServer.incrementAndGet();
    }
  }

  /**
   * Closes every connection, and every new one as soon as it is accepted (the database went away). The listener
   * stays open, so that no other process can take its port before restore().
   */
  public synchronized void cut() {
    mode = Mode.CUT;
    links.forEach(Link::close);
    links.clear();
  }

  /**
   * Every connection, open or new, answers nothing and reads nothing more, as a peer that vanished or froze: what
   * the client sends stays in the socket buffers, its close (FIN) included, so a close that waits for the peer's
   * answer never completes.
   */
  public synchronized void stall() {
    mode = Mode.STALL;
    links.forEach(link -> {
      link.stalled = true;
      link.front.pause();
    });
  }

  /** Client-to-server bytes are held this long before they are forwarded (0: no delay). */
  public void delay(long millis) {
    delayMillis = millis;
  }

  /** New connections are forwarded again, without delay; stalled ones stay black holes. */
  public synchronized void restore() {
    delayMillis = 0;
    mode = Mode.FORWARD;
  }

  private void listen(int onPort) {
    port = vertx.createNetServer()
        .connectHandler(this::accept)
        .listen(onPort, "127.0.0.1")
        .await()
        .actualPort();
  }

  private void accept(NetSocket front) {
    if (mode == Mode.CUT) {
      front.close();
      return;
    }
    Link link = new Link(front);
    links.add(link);
    front.closeHandler(v -> {
      links.remove(link);
      link.close();
    });
    if (mode != Mode.FORWARD) {
      // Accepted, never answered, never read.
      link.stalled = true;
      front.pause();
      front.handler(data -> { });
      return;
    }
    front.pause();
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        link.close();
        return;
      }
      link.back = ar.result();
      link.back.handler(data -> {
        if (!link.stalled) {
          front.write(data);
        }
      });
      link.back.closeHandler(v -> front.close());
      front.handler(link::toServer);
      if (!link.stalled) {
        front.resume();
      }
    });
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
