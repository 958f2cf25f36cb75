package io.segmentgateway.ratelimit;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances that share rate limits through Redis, as this one sees them: every heartbeatMillis it announces itself
 * in a sorted set and learns how many are alive. It also decides whether the fleet shares: after
 * failuresBeforeFallback Redis commands in a row were not answered in time (over at least 10 ms), this instance
 * limits every key to its share (1/N of rate and burst, N the instances it last knew to be alive), asks every
 * probeMillis whether Redis answers, and as soon as two probes in a row are answered, it shares again. Each outage is
 * logged once (OutageLog). Runs on the RedisLink's context.
 */
public final class Fleet implements RedisLink.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final int ANSWERS_BEFORE_SHARING = 2;
  /** How long failures in a row must have lasted to count: longer than one pause makes them last. */
  private static final long STREAK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Vertx vertx;
  private final RedisLink link;
  private final AppConfig.Redis settings;
  private final LuaScript heartbeat = LuaScript.load("heartbeat.lua");
  private final String instancesKey;
  private final String instanceId;
  private final String where;
  private final OutageLog outages;
  private volatile boolean shared;
  private volatile int instances = 1;
  private final long silenceNanos;
  private final long heartbeatNanos;
  private long lastBeatNanos;
  private int failuresInARow;
  private long streakSinceNanos;
  private int answersInARow;
  private boolean everShared;
  private long timer = -1;
  private Future<Void> closing;

  private Fleet(Vertx vertx, RedisLink link, AppConfig.Redis settings) {
    this.vertx = vertx;
    this.link = link;
    this.settings = settings;
    this.instancesKey = settings.keyPrefix() + "instances";
    this.instanceId = instanceId();
    this.where = address(settings.url());
    this.outages = new OutageLog(where, settings.outageQuietMillis());
    this.silenceNanos = TimeUnit.MILLISECONDS.toNanos(settings.silenceMillis());
    // A tick is a little late at times: a beat due within a tenth of the interval goes now rather than one tick on.
    this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis()) * 9 / 10;
    link.listener(this);
  }

  /** Starts the heartbeats; nothing waits for Redis (start-up and readiness never depend on it). */
  public static Fleet start(Vertx vertx, AppConfig.Redis settings) {
    Fleet fleet = new Fleet(vertx, RedisLink.create(vertx, settings), settings);
    LOG.info("Rate limits are shared by every instance through Redis at {} (keys under '{}'); until it answers, and"
        + " whenever it does not, each instance limits a key to its share", fleet.where, settings.keyPrefix());
    fleet.link.context().runOnContext(v -> {
      fleet.timer = vertx.setPeriodic(settings.probeMillis(), id -> fleet.tick());
      fleet.beat();
    });
    return fleet;
  }

  /** True while the fleet shares one bucket per key; false while this instance limits keys to its share. */
  public boolean shared() {
    return shared;
  }

  /** The instances alive at the last heartbeat Redis answered (this one included); 1 before any. */
  public int instances() {
    return instances;
  }

  /** Where the shared limiter sends its leases, and on whose context. */
  RedisLink link() {
    return link;
  }

  AppConfig.Redis settings() {
    return settings;
  }

  /** Leaves the fleet (the others stop counting this instance at once) and closes the connection; once. */
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = Future.future(done -> link.context().runOnContext(v -> {
        vertx.cancelTimer(timer);
        link.command(Request.cmd(Command.ZREM, instancesKey, instanceId))
            .eventually(link::close)
            .onComplete(ar -> done.complete());
      }));
    }
    return closing;
  }

  /**
   * A heartbeat every heartbeatMillis while the fleet shares; every probeMillis while it does not, so that all
   * instances find Redis back within a few probes of each other (while some share again and others still limit keys
   * to their share, a key gets more than its limit).
   */
  private void tick() {
    long now = System.nanoTime();
    if (!shared || now - lastBeatNanos >= heartbeatNanos) {
      beat();
    }
    if (shared) {
      outages.quiet(now);
    }
  }

  private void beat() {
    lastBeatNanos = System.nanoTime();
    link.run(heartbeat, instancesKey, instanceId, settings.instanceTtlMillis())
        .onSuccess(alive -> instances = Math.max(1, alive.toInteger()));
  }

  @Override
  public void answered() {
    failuresInARow = 0;
    // Back from an outage only after answers in a row: a Redis on the edge of the timeout would flap otherwise.
    if (shared || (everShared && ++answersInARow < ANSWERS_BEFORE_SHARING)) {
      return;
    }
    shared = true;
    outages.ended(System.nanoTime(), !everShared);
    everShared = true;
  }

  /**
   * Commands in flight when the JVM pauses (a collection, a busy core) all fail at once: a streak counts only once it
   * has lasted a little while too, so that it takes a Redis that stays silent, not one bad moment.
   */
  @Override
  public void failed(Throwable cause) {
    answersInARow = 0;
    long now = System.nanoTime();
    if (failuresInARow++ == 0) {
      streakSinceNanos = now;
    }
    if (failuresInARow < settings.failuresBeforeFallback() || now - streakSinceNanos < STREAK_NANOS) {
      return;
    }
    shared = false;
    // Before Redis has ever answered, this instance is on its share anyway: a slow first connection is no news.
    if (everShared || now - streakSinceNanos >= silenceNanos) {
      outages.started(now, cause, instances);
    }
  }

  /** host:port of a redis:// URL, without the password it may carry. */
  private static String address(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    } catch (IllegalArgumentException e) {
      return "(the configured URL)";
    }
  }

  /**
   * Unique across the fleet and readable in Redis: the host's name as the environment gives it (a container's id),
   * the process id and a random part. No name lookup: it may block start-up where DNS is slow.
   */
  private static String instanceId() {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "instance" : host) + ":" + ProcessHandle.current().pid() + ":"
        + UUID.randomUUID().toString().substring(0, 8);
  }

}
