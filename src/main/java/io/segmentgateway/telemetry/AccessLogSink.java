package io.segmentgateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the access log's lines go: the event loops hand over chunks of whole lines (AccessLines), and one thread
 * writes each chunk with one call, to standard output (beside logback's lines, never inside one) or to a file. The
 * queue is bounded: when the writer cannot keep up (a slow terminal, a full disk), a chunk that finds no room is
 * dropped and its lines counted, never waited for. segment_gateway_access_log_lines_total{outcome} counts every
 * line: written, dropped (no room) and sampled_out (accessLog.sampleRate).
 */
public final class AccessLogSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AccessLogSink.class);
  private static final long DROP_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Whole lines of one event loop, in order. */
  private record Chunk(byte[] bytes, int length, int lines) {
  }

  private static final Chunk END = new Chunk(new byte[0], 0, 0);

  private final BlockingQueue<Chunk> queue;
  private final OutputStream out;
  private final Thread writer;
  private final Counter written;
  private final Counter dropped;
  private final Counter sampledOut;
  private volatile long lastDropWarning = System.nanoTime() - DROP_WARNING_NANOS;

  /** file: null for standard output. */
  public AccessLogSink(String file, int maxChunks, MeterRegistry registry) {
    this.queue = new ArrayBlockingQueue<>(maxChunks);
    this.out = open(file);
    this.written = counter(registry, "written", "access-log lines written");
    this.dropped = counter(registry, "dropped", "access-log lines dropped because the writer fell behind");
    this.sampledOut = counter(registry, "sampled_out", "requests not logged by the sample rate (accessLog.sampleRate)");
    this.writer = new Thread(this::run, "access-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** From an event loop: never blocks; a chunk that finds no room is dropped and counted. */
  void offer(byte[] bytes, int length, int lines) {
    if (!queue.offer(new Chunk(bytes, length, lines))) {
      dropped.increment(lines);
      long now = System.nanoTime();
      if (now - lastDropWarning >= DROP_WARNING_NANOS) {
        lastDropWarning = now;
        LOG.warn("The access log cannot keep up: lines are dropped (counted in"
            + " segment_gateway_access_log_lines_total{{outcome=\"dropped\"}}); lower accessLog.sampleRate");
      }
    }
  }

  void sampledOut() {
    sampledOut.increment();
  }

  /**
   * Writes what is queued, then stops the writer (at shutdown, after the event loops flushed their lines), waiting
   * at most a few seconds: a writer stuck on its output (a terminal nobody reads) never holds the exit up.
   */
  @Override
  public void close() {
    try {
      if (queue.offer(END, 2, TimeUnit.SECONDS)) {
        writer.join(TimeUnit.SECONDS.toMillis(3));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (true) {
        Chunk chunk = queue.take();
        if (chunk == END) {
          return;
        }
        write(chunk);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(Chunk chunk) {
    try {
      out.write(chunk.bytes(), 0, chunk.length());
      out.flush();
      written.increment(chunk.lines());
    } catch (IOException e) {
      dropped.increment(chunk.lines());
    }
  }

  private static OutputStream open(String file) {
    if (file == null) {
      // The process's own stdout: its writes are synchronized, so a chunk never splits a line of logback's.
      return System.out;
    }
    try {
      return new FileOutputStream(file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the access log file " + file, e);
    }
  }

  private static Counter counter(MeterRegistry registry, String outcome, String description) {
    return Counter.builder(MeterNames.PREFIX + "access.log.lines")
        .description("Access-log lines, by what became of them: " + description)
        .tag("outcome", outcome)
        .register(registry);
  }
}
