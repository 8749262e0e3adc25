package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Secrets;
import dev.hotconf.agent.internal.bind.Commit;
import dev.hotconf.agent.internal.bind.Plan;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The one reload thread and the reload path it runs: load → plan → commit (or reject) → callbacks →
 * outcome. Triggers only {@link #request} a reload; requests that arrive while one runs coalesce
 * into one more, so a burst of signals costs at most two reloads.
 */
public final class Reloader {
  /** Told when a reload starts and how it ended: service managers, status files. */
  public interface Listener {
    /** A reload starts. */
    default void reloading(String cause) {}

    /** A reload ended. */
    void finished(Outcome outcome);
  }

  private final Loader loader;
  private final Registry registry;
  private final boolean verbose;

  /** How long a reload waits for its callbacks before it warns and goes on. */
  private final long callbackDeadlineMillis;

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private boolean pending; // lock
  private String pendingCause; // lock

  /** Requests numbered as they arrive; a reload serves every request numbered up to its start. */
  private long requested; // lock

  private long served; // lock
  private boolean running; // lock
  private long applied; // lock
  private long rejected; // lock
  private Outcome last; // lock
  private Outcome lastRejected; // lock

  public Reloader(Loader loader, Registry registry, boolean verbose, Duration callbackDeadline) {
    this.loader = loader;
    this.registry = registry;
    this.verbose = verbose;
    this.callbackDeadlineMillis = callbackDeadline.toMillis();
  }

  /** Starts the daemon reload thread. */
  public void start() {
    Thread thread = new Thread(this::loop, "hotconf-reload");
    thread.setDaemon(true);
    thread.start();
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Asks for a reload and returns at once; safe to call from a signal handler. */
  public void request(String cause) {
    synchronized (lock) {
      requested++;
      pending = true;
      pendingCause = cause;
      lock.notifyAll();
    }
  }

  /**
   * Asks for a reload and waits for the reload that serves the request.
   *
   * @return its outcome, or {@code null} if none ended within {@code timeoutMillis}
   */
  public Outcome requestAndWait(String cause, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (lock) {
      request(cause);
      long ticket = requested;
      while (served < ticket) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        lock.wait(Math.max(1, left / 1_000_000L));
      }
      return last;
    }
  }

  private void loop() {
    while (true) {
      String cause;
      long serving;
      try {
        synchronized (lock) {
          while (!pending) lock.wait();
          pending = false;
          cause = pendingCause;
          serving = requested;
          running = true;
        }
      } catch (InterruptedException e) {
        return; // only when the JVM is going away
      }
      Outcome outcome = null;
      try {
        for (Listener l : listeners) l.reloading(cause);
        outcome = reload(cause);
      } catch (Throwable t) { // the reload thread must outlive any single reload
        Log.error("reload (" + cause + ") failed unexpectedly; the next reload will try again", t);
      } finally {
        synchronized (lock) {
          running = false;
          served = serving;
          if (outcome != null) last = outcome;
          lock.notifyAll();
        }
      }
      if (outcome != null) {
        for (Listener l : listeners) {
          try {
            l.finished(outcome);
          } catch (RuntimeException e) {
            Log.error("a reload listener failed", e);
          }
        }
      }
    }
  }

  /** Runs one reload now, on the calling thread, and logs its outcome. */
  public Outcome reload(String cause) {
    long start = System.nanoTime();
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
    runCallbacks(commit, new Event(commit.generation(), changed, cause));
    List<String> details =
        verbose ? details(changed, registry.bound(changed), commit.previous(), next) : List.of();
    return finish(
        Outcome.applied(commit.generation(), changed, details, cause, System.nanoTime() - start));
  }

  /**
   * Runs the callbacks on a thread of their own and waits for them up to the callback deadline
   * ({@code callback-timeout}): a callback that blocks is warned about, and the reload thread goes
   * on, so that later reloads are not lost behind it.
   */
  private void runCallbacks(Commit commit, Event event) {
    Thread callbacks = new Thread(() -> registry.runCallbacks(commit, event), "hotconf-callbacks");
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

  /**
   * {@code key: old → new} for each changed key. Secrets are masked, and so are keys that bind to
   * no field: a typo in a secret key ({@code passwrd}) must not reveal the secret.
   */
  private static List<String> details(
      Set<String> changed, Set<String> bound, Snapshot before, Snapshot after) {
    Map<String, Node> old = before.leafNodes();
    Map<String, Node> now = after.leafNodes();
    List<String> details = new ArrayList<>();
    for (String key : changed.stream().sorted().collect(Collectors.toList())) {
      boolean hidden = !bound.contains(key) || Secrets.isSecret(key);
      details.add(key + ": " + shown(hidden, old.get(key)) + " → " + shown(hidden, now.get(key)));
    }
    return details;
  }

  private static String shown(boolean hidden, Node node) {
    if (node == null) return "(absent)";
    if (hidden) return "****";
    return node instanceof Node.Scalar ? ((Node.Scalar) node).text() : node.render();
  }

  private Outcome rejected(List<Problem> problems, String cause, long start) {
    return Outcome.rejected(registry.generation(), problems, cause, System.nanoTime() - start);
  }

  private Outcome finish(Outcome outcome) {
    synchronized (lock) {
      if (outcome.applied()) {
        applied++;
      } else {
        rejected++;
        lastRejected = outcome;
      }
    }
    if (outcome.applied()) Log.info(outcome.toString());
    else Log.error(outcome.toString());
    return outcome;
  }

  /** What status reports tell about reloads. */
  public Status status() {
    synchronized (lock) {
      return new Status(
          registry.generation(), applied, rejected, served, running, last, lastRejected);
    }
  }

  /** The reload counters and outcomes at one moment. */
  public static final class Status {
    public final long generation;
    public final long applied;
    public final long rejected;

    /** The number of requests served so far: grows when a reload ends. */
    public final long served;

    public final boolean running;
    public final Outcome last;
    public final Outcome lastRejected;

    Status(
        long generation,
        long applied,
        long rejected,
        long served,
        boolean running,
        Outcome last,
        Outcome lastRejected) {
      this.generation = generation;
      this.applied = applied;
      this.rejected = rejected;
      this.served = served;
      this.running = running;
      this.last = last;
      this.lastRejected = lastRejected;
    }
  }
}
