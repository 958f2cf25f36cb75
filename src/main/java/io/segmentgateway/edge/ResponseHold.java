package io.segmentgateway.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * While the listening socket closes, responses wait (see EdgeConnections.closeListener): the guards that held one
 * back register how to let them go, each on its own event loop. Shared by all event loops.
 */
final class ResponseHold {

  private final Map<Runnable, Executor> held = new ConcurrentHashMap<>();
  private volatile boolean active;

  boolean active() {
    return active;
  }

  void start() {
    active = true;
  }

  /** release runs on executor once the hold ends. */
  void held(Runnable release, Executor executor) {
    held.put(release, executor);
  }

  void end() {
    active = false;
    held.forEach((release, executor) -> executor.execute(release));
    held.clear();
  }
}
