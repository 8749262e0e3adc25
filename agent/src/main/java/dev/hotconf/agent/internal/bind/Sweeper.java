package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.AgentThreads;
import dev.hotconf.agent.internal.Log;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The {@code hotconf-sweeper} thread: after each garbage collection it compacts the instance tables
 * that grew since their last compaction (and those left alone for a while), so that the entries of
 * objects a collection just found dead are dropped while they are young. It learns of a collection
 * from a sentinel object that nothing references: one reference enqueued per collection, not one
 * per dead object.
 */
final class Sweeper implements Runnable {
  private final Registry registry;
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  /** Held in a field: a weak reference that is itself unreachable is never enqueued. */
  private WeakReference<Object> sentinel;

  private boolean warned;

  private Sweeper(Registry registry) {
    this.registry = registry;
  }

  static void start(Registry registry) {
    AgentThreads.start("hotconf-sweeper", new Sweeper(registry));
  }

  @Override
  public void run() {
    sentinel = new WeakReference<>(new Object(), collected);
    while (true) {
      try {
        collected.remove();
      } catch (InterruptedException e) {
        return; // the JVM is going away
      }
      sentinel = new WeakReference<>(new Object(), collected);
      try {
        registry.sweep(System.nanoTime());
      } catch (Throwable t) {
        if (!warned) {
          warned = true;
          Log.error("hotconf could not compact its instance tables once; it goes on", t);
        }
      }
    }
  }
}
