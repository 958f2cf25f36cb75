package io.segmentgateway.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * While the listening socket closes, responses wait (see EdgeConnections.closeListener): the guards that held one
 * back register how to let them go, each on its own event loop. Shared by all event loops.
 */
final class ResponseHold {

  // Guarded by this: a guard that saw the hold active must not register after end() has released the others.
  private final Map<Runnable, Executor> held = new HashMap<>();
  private volatile boolean active;

  boolean active() {
    return active;
  }

  synchronized void start() {
    active = true;
  }

  /** release runs on executor once the hold ends; false (and nothing registered) when it has ended already. */
  synchronized boolean held(Runnable release, Executor executor) {
    if (!active) {
      return false;
    }
    held.put(release, executor);
    return true;
  }

  synchronized void end() {
    active = false;
    held.forEach((release, executor) -> executor.execute(release));
    held.clear();
  }
}
