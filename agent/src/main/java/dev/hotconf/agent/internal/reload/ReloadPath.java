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

/**
 * One reload, start to outcome: load the files into a snapshot; the same hash as the active one is
 * {@code unchanged}; plan every binding, any problem is {@code rejected}; commit; run the callbacks
 * on {@code hotconf-callbacks}; the outcome, also as a JFR event. Apart from the {@link Reloader}
 * (which only queues requests and runs this on its thread) so that none of it loads in premain.
 */
final class ReloadPath {
  final Loader loader;
  private final Registry registry;
  private final boolean verbose;

  /** How long a reload waits for its callbacks before it warns and goes on. */
  private final long callbackDeadlineMillis;

  ReloadPath(Loader loader, Registry registry, boolean verbose, long callbackDeadlineMillis) {
    this.loader = loader;
    this.registry = registry;
    this.verbose = verbose;
    this.callbackDeadlineMillis = callbackDeadlineMillis;
  }

  /** Runs one reload on the calling thread; the outcome is recorded as a JFR event, not logged. */
  Outcome run(String cause) {
    ReloadRecording recording = ReloadRecording.begin();
    Outcome outcome = reload(cause, System.nanoTime());
    if (recording != null) recording.commit(outcome);
    return outcome;
  }

  private Outcome reload(String cause, long start) {
    Registry.Current active = registry.current();
    Snapshot next;
    try {
      next = loader.load();
    } catch (LoadException e) {
      return Outcome.rejected(
          active.generation, null, e.problems(), cause, System.nanoTime() - start);
    }
    String hash = next.hash();
    if (hash.equals(active.snapshot.hash())) {
      return Outcome.unchanged(active.generation, hash, cause, System.nanoTime() - start);
    }
    Plan plan = registry.plan(next);
    if (!plan.problems().isEmpty()) {
      return Outcome.rejected(
          active.generation, hash, plan.problems(), cause, System.nanoTime() - start);
    }
    List<Problem> unknown = registry.unknownKeys(next);
    if (!unknown.isEmpty()) {
      Log.warn(
          "keys that bind to no field (of the classes loaded so far): "
              + LoadException.join(unknown));
    }
    Commit commit = registry.commit(plan);
    Set<String> changed = next.changedKeys(commit.previous());
    runCallbacks(commit, new Event(commit.generation(), changed, cause));
    List<String> details =
        verbose
            ? Changes.describe(changed, registry.bound(changed), commit.previous(), next)
            : List.of();
    return Outcome.applied(
        commit.generation(), hash, changed, details, cause, System.nanoTime() - start);
  }

  /**
   * Runs the callbacks on a thread of their own, {@code hotconf-callbacks}, and waits for them up
   * to the callback deadline ({@code callback-timeout}): a callback that blocks is warned about,
   * and the reload thread goes on, so that later reloads are not lost behind it.
   */
  private void runCallbacks(Commit commit, Event event) {
    Thread callbacks =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                registry.runCallbacks(commit, event);
              }
            },
            "hotconf-callbacks");
    callbacks.setDaemon(true);
    callbacks.start();
    try {
      callbacks.join(callbackDeadlineMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (callbacks.isAlive()) {
      String running = registry.runningCallback();
      Log.warn(
          "@OnReload "
              + (running == null ? "callbacks" : "method " + running)
              + " of generation "
              + event.generation()
              + " still runs after "
              + callbackDeadlineMillis
              + " ms; the reload is applied, and later reloads go on without waiting for it");
    }
  }
}
