package dev.hotconf.bench;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link EndToEndReload} starts with the agent: 100 instances of a class with a bound
 * field and an {@code @OnReload} method. When the last of a reload's 100 callbacks has run it
 * prints {@code DONE generation value nanoTime} — {@link System#nanoTime()} is the system's
 * monotonic clock on Linux, comparable across processes on one machine. It prints {@code READY
 * value} once the instances exist, and exits when its standard input closes.
 */
public final class ReloadHost {
  static final int INSTANCES = 100;

  /** Bound, and told of every reload that changes its value. */
  static final class Subscriber {
    @Reloadable("e2e.value")
    int value;

    @OnReload
    void reloaded(ReloadEvent event) {
      called(event.generation(), value);
    }
  }

  private static long generation = -1;
  private static int calls;

  private ReloadHost() {}

  /**
   * Counts a generation's callbacks; synchronized in case callbacks ever run on several threads.
   */
  private static synchronized void called(long reload, int value) {
    if (reload != generation) {
      generation = reload;
      calls = 0;
    }
    if (++calls == INSTANCES) {
      long now = System.nanoTime(); // before printing: the print is the harness's cost, not ours
      System.out.println("DONE " + reload + " " + value + " " + now);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Subscriber> subscribers = new ArrayList<>(); // held: the agent tracks them weakly
    for (int i = 0; i < INSTANCES; i++) subscribers.add(new Subscriber());
    System.out.println("READY " + subscribers.get(INSTANCES - 1).value);
    while (System.in.read() >= 0) {
      // wait for the harness to close our input
    }
    System.out.println("BYE " + subscribers.size());
  }
}
