package io.segmentgateway.support;

import io.segmentgateway.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * The Redis the tests share rate limits through: the one REDIS_URL names when it is set (CI), else one embedded
 * redis-server (linux-amd64, 6.2, from the test classpath) per test JVM, on a free port, never 6379. Each test server
 * or fleet writes under a key prefix of its own, so that test classes running at once never share a bucket. A test
 * that breaks Redis starts its own (Own) or puts a FaultProxy in front.
 */
public final class TestRedis {

  private static String url;

  private TestRedis() {
  }

  public static synchronized String url() {
    if (url == null) {
      String given = System.getenv("REDIS_URL");
      url = given != null && !given.isBlank() ? given : new Own().url();
    }
    return url;
  }

  /** host and port of url(), for a FaultProxy in front of it. */
  public static URI address() {
    return URI.create(url());
  }

  /** A prefix no other test server uses. */
  public static String prefix() {
    return "test:" + UUID.randomUUID().toString().substring(0, 13) + ":";
  }

  /** config, sharing its rate limits through redisUrl under a prefix of its own. */
  public static AppConfig sharing(AppConfig config, String redisUrl, String prefix) {
    AppConfig.RateLimit rateLimit = config.rateLimit();
    return config.withRateLimit(rateLimit.withRedis(rateLimit.redis().at(redisUrl, prefix)));
  }

  /** One command on a short-lived client, for tests that look at Redis behind the service's back. */
  public static Response command(String redisUrl, Request request) {
    Vertx vertx = Vertx.vertx();
    try {
      Redis client = Redis.createClient(vertx, redisUrl);
      return client.send(request).await();
    } finally {
      vertx.close().await();
    }
  }

  /** A redis-server of the test's own, on a free port, which the test may stop and start again (empty). */
  public static final class Own implements AutoCloseable {

    private final int port;
    private RedisServer server;

    public Own() {
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free port", e);
      }
      start();
    }

    public String url() {
      return "redis://127.0.0.1:" + port;
    }

    public int port() {
      return port;
    }

    /** Starts it (again), with nothing in it: no data, no scripts, as after a restart without persistence. */
    public synchronized void start() {
      try {
        server = RedisServer.newRedisServer()
            .port(port)
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException("the embedded redis-server did not start; set REDIS_URL to use a server", e);
      }
    }

    /** Stops the process: connections are closed, new ones refused. */
    public synchronized void stop() {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException("the embedded redis-server did not stop", e);
      }
    }

    @Override
    public void close() {
      stop();
    }
  }
}
