package io.segmentgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as its own JVM process (Main, on the test classpath), as production runs it: for what only a real
 * process shows, such as signals and exit codes. Its output goes to a file (a pipe read by a thread can lose the
 * last lines when the process exits), kept for assertions.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Listening on port (\\d+)");

  private final Process process;
  private final Path log;
  private int port;

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts Main in workDir (where a conf/config.json may give its settings) with env added to this process's
   * environment, and waits until it listens.
   */
  public static ServiceProcess start(Path workDir, Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may run the tests from a manifest-only jar; its property holds the real class path.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = workDir.resolve("service.log");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, "io.segmentgateway.Main")
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().remove("PGHOSTADDR");
    builder.environment().putAll(env);
    try {
      ServiceProcess service = new ServiceProcess(builder.start(), log);
      service.awaitListening();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the service process", e);
    }
  }

  public int port() {
    return port;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM: on Linux, Process.destroy() sends exactly that. */
  public void terminate() {
    process.destroy();
  }

  /** The exit status, waiting at most timeoutMillis; fails when the process is still running then. */
  public int awaitExit(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the service did not exit within " + timeoutMillis + " ms; output:\n" + output());
    }
    return process.exitValue();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(output());
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the service did not start listening; output:\n" + output());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
