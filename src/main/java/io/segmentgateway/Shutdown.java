package io.segmentgateway;

import ch.qos.logback.classic.LoggerContext;
import io.segmentgateway.config.AppConfig;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drain on SIGTERM (a shutdown hook, so SIGINT and SIGHUP drain too), on its own thread, never on an event loop:
 * <ol>
 *   <li>readiness turns 503 at once; the instance keeps serving for graceMillis, the time a balancer needs to see
 *   it and stop sending, and every response in that time closes its connection (Connection: close);</li>
 *   <li>the listeners close and each request in flight finishes (HttpServer.shutdown);</li>
 *   <li>the key revocation listener closes, then the Redis client (after leaving the fleet), then the pool, then
 *   Vert.x; the process exits 0.</li>
 * </ol>
 * Every wait is bounded by deadlineMillis after the signal; past it the process exits 1, whatever is left.
 * The JVM would exit 143 after a signal: halting with our own status once the work is done is what makes it 0.
 */
final class Shutdown {

  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  /** Kept for closing the pool and Vert.x after the requests in flight have finished. */
  private static final long CLOSE_RESERVE_MILLIS = 2000;

  private final Server server;
  private final AppConfig.Lifecycle settings;

  private Shutdown(Server server, AppConfig.Lifecycle settings) {
    this.server = server;
    this.settings = settings;
  }

  static void install(Server server, AppConfig.Lifecycle settings) {
    Shutdown shutdown = new Shutdown(server, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::run, "drain"));
  }

  private void run() {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(settings.deadlineMillis());
    boolean clean = true;
    try {
      LOG.info("Draining: readiness is 503 and responses close their connections for {} ms (deadline {} ms)",
          settings.graceMillis(), settings.deadlineMillis());
      server.startDraining();
      sleepUntil(Math.min(deadline, start + TimeUnit.MILLISECONDS.toNanos(settings.graceMillis())));

      long budget = Math.max(0, millisUntil(deadline) - CLOSE_RESERVE_MILLIS);
      LOG.info("Grace over after {} ms: listeners closed, waiting up to {} ms for requests in flight",
          millisSince(start), budget);
      long stopping = System.nanoTime();
      clean &= await(server.stopListening(budget), budget + 1000, "requests in flight");
      if (millisSince(stopping) >= budget && budget > 0) {
        LOG.warn("Requests still in flight at the deadline were cut");
        clean = false;
      }
      LOG.info("Every connection is closed ({} ms after the signal); closing the key revocation listener, the Redis"
          + " client, then the database pool", millisSince(start));
      clean &= await(server.stopKeyRevocations(), Math.max(0, millisUntil(deadline)), "the key revocation listener");
      clean &= await(server.leaveFleet(), Math.max(0, millisUntil(deadline)), "the rate limit fleet's Redis client");
      clean &= await(server.closePools(), Math.max(0, millisUntil(deadline)), "the database pool");
      clean &= await(server.vertx().close(), Math.max(0, millisUntil(deadline)), "Vert.x");
      server.closeAccessLog();
    } catch (RuntimeException e) {
      LOG.error("The drain failed", e);
      clean = false;
    }
    int status = clean ? 0 : 1;
    LOG.info("Drained in {} ms; exiting with status {}", millisSince(start), status);
    flushLogs();
    Runtime.getRuntime().halt(status);
  }

  /** True when the future completed in time; a timeout or failure is logged and makes the exit unclean. */
  private static boolean await(Future<?> future, long timeoutMillis, String what) {
    try {
      future.await(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      LOG.error("Closing {} did not finish by the deadline", what);
    } catch (Exception e) {
      LOG.error("Closing {} failed", what, e);
    }
    return false;
  }

  private static void sleepUntil(long nanos) {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static long millisUntil(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime());
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /** The log goes through an async appender: stopping logback writes out what is queued before the halt. */
  private static void flushLogs() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext) {
      ((LoggerContext) factory).stop();
    }
  }
}
