package dev.hotconf.agent.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's long-lived threads: daemons that survive any {@code Throwable} — their body is run
 * again, on the same thread, after a short pause — so that an {@code OutOfMemoryError} in the
 * application's heap, which may well strike inside the agent, costs one iteration, never the
 * thread. Starting a new thread would itself need memory; handling the error is written to need
 * none until the error is recorded, and recording it may fail without harm. Each death is kept for
 * {@code status}, which says that it happened.
 */
public final class AgentThreads {
  /** Deaths kept for status; older ones are dropped. */
  private static final int KEPT = 20;

  /** How often one body is run again before the agent gives up on it. */
  private static final int MAX_RESTARTS = 1_000;

  private static final List<String> deaths = new ArrayList<>(); // guarded by itself

  /** Deaths that could not even be recorded (no memory left to describe them). */
  private static volatile long unrecorded;

  private AgentThreads() {}

  /** Starts {@code body} on a daemon thread named {@code name}, run again whenever it throws. */
  public static Thread start(String name, Runnable body) {
    Thread thread = new Thread(new Supervised(name, body), name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** What went wrong with the agent's threads, newest last: for status. */
  public static List<String> deaths() {
    List<String> out;
    synchronized (deaths) {
      out = new ArrayList<>(deaths);
    }
    long lost = unrecorded;
    if (lost > 0) out.add(lost + " more failures could not be recorded (out of memory)");
    return List.copyOf(out);
  }

  private static void record(String name, Throwable t, boolean again) {
    String what =
        name
            + " failed at "
            + Instant.now()
            + " ("
            + t
            + ")"
            + (again ? "; it goes on" : "; given up after " + MAX_RESTARTS + " failures");
    synchronized (deaths) {
      if (deaths.size() == KEPT) deaths.remove(0);
      deaths.add(what);
    }
    if (t instanceof VirtualMachineError) Log.error("hotconf's thread " + what);
    else Log.error("hotconf's thread " + what, t);
  }

  private static final class Supervised implements Runnable {
    private final String name;
    private final Runnable body;

    Supervised(String name, Runnable body) {
      this.name = name;
      this.body = body;
    }

    @Override
    public void run() {
      for (int failures = 1; ; failures++) {
        try {
          body.run();
          return; // it ended by itself: the JVM is going away
        } catch (Throwable t) {
          boolean again = failures < MAX_RESTARTS;
          try {
            record(name, t, again);
          } catch (Throwable lost) {
            unrecorded++;
          }
          if (!again) return;
          try {
            Thread.sleep(Math.min(1_000L, 10L << Math.min(failures, 7)));
          } catch (InterruptedException e) {
            return;
          } catch (Throwable ignored) {
            // go on anyway
          }
        }
      }
    }
  }
}
