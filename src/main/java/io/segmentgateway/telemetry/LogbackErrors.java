package io.segmentgateway.telemetry;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import ch.qos.logback.core.util.StatusPrinter;

/**
 * Logback's own status messages: errors only, on stderr. Without a listener logback prints every status to
 * stdout as soon as one is a warning, and conf/logback.xml always has one (the log format not chosen is an
 * unreferenced appender): that would put logback's chatter before the key that create-key prints alone.
 */
public final class LogbackErrors extends ContextAwareBase implements StatusListener, LifeCycle {

  private boolean started;

  @Override
  public void addStatusEvent(Status status) {
    if (started) {
      print(status);
    }
  }

  /** Errors from before this listener was registered are printed too. */
  @Override
  public void start() {
    started = true;
    if (context != null) {
      context.getStatusManager().getCopyOfStatusList().forEach(LogbackErrors::print);
    }
  }

  @Override
  public void stop() {
    started = false;
  }

  @Override
  public boolean isStarted() {
    return started;
  }

  private static void print(Status status) {
    if (status.getLevel() >= Status.ERROR) {
      StringBuilder text = new StringBuilder();
      StatusPrinter.buildStr(text, "", status);
      System.err.print(text);
    }
  }
}
