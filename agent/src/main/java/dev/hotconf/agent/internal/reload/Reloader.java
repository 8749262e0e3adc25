package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.bind.Commit;
import dev.hotconf.agent.internal.bind.Plan;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one reload thread and the reload path it runs: load → plan → commit (or reject) → callbacks →
 * outcome. Triggers only {@link #request} a reload; requests that arrive while one runs coalesce
 * into one more, so a burst of signals costs at most two reloads.
 */
public final class Reloader {
  private final Loader loader;
  private final Registry registry;

  private final Object lock = new Object();
  private boolean pending; // lock
  private String pendingCause; // lock

  public Reloader(Loader loader, Registry registry) {
    this.loader = loader;
    this.registry = registry;
  }

  /** Starts the daemon reload thread. */
  public void start() {
    Thread thread = new Thread(this::loop, "hotconf-reload");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks for a reload and returns at once; safe to call from a signal handler. */
  public void request(String cause) {
    synchronized (lock) {
      pending = true;
      pendingCause = cause;
      lock.notifyAll();
    }
  }

  private void loop() {
    while (true) {
      String cause;
      try {
        synchronized (lock) {
          while (!pending) lock.wait();
          pending = false;
          cause = pendingCause;
        }
      } catch (InterruptedException e) {
        return; // only when the JVM is going away
      }
      try {
        reload(cause);
      } catch (Throwable t) { // the reload thread must outlive any single reload
        Log.error("reload (" + cause + ") failed unexpectedly; the next reload will try again", t);
      }
    }
  }

  /** Runs one reload now, on the calling thread, and logs its outcome. */
  public Outcome reload(String cause) {
    long start = System.nanoTime();
    Outcome outcome;
    Snapshot next;
    try {
      next = loader.load();
    } catch (LoadException e) {
      return finish(rejected(e.problems(), cause, start));
    }
    Plan plan = registry.plan(next);
    if (!plan.problems().isEmpty()) return finish(rejected(plan.problems(), cause, start));
    List<Problem> unknown = registry.unknownKeys(next);
    if (!unknown.isEmpty()) {
      Log.warn(
          "keys that bind to no field (of the classes loaded so far): "
              + unknown.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }
    Commit commit = registry.commit(plan);
    Set<String> changed = next.changedKeys(commit.previous());
    registry.runCallbacks(commit, new Event(commit.generation(), changed, cause));
    outcome = Outcome.applied(commit.generation(), changed, cause, System.nanoTime() - start);
    return finish(outcome);
  }

  private Outcome rejected(List<Problem> problems, String cause, long start) {
    return Outcome.rejected(registry.generation(), problems, cause, System.nanoTime() - start);
  }

  private static Outcome finish(Outcome outcome) {
    if (outcome.applied()) Log.info(outcome.toString());
    else Log.error(outcome.toString());
    return outcome;
  }
}
