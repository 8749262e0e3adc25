package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.AgentThreads;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.Loader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one reload thread, {@code hotconf-reload}: it takes requests and runs the {@link ReloadPath}
 * — load → plan → commit (or reject) → callbacks → outcome — once per batch. Triggers only {@link
 * #request} a reload; requests that arrive while one runs coalesce into one more, so a burst of
 * signals costs at most two reloads.
 *
 * <p>Requests are numbered as they arrive; a reload serves every request numbered up to its start.
 * A {@link #ticket()} taken before asking (by signal or otherwise) is what {@link #awaitServed}
 * waits past: the first reload that ends having served a later request is the one that read the
 * files after the ask.
 */
public final class Reloader {
  /** Told when a reload starts and how it ended: service managers, status files. */
  public interface Listener {
    /** A reload starts. */
    default void reloading(String cause) {}

    /** A reload ended. */
    void finished(Outcome outcome);
  }

  private final Registry registry;

  /** What a reload runs; set by configure() before the thread starts. */
  private volatile ReloadPath path;

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private boolean pending; // lock
  private String pendingCause; // lock
  private long requested; // lock
  private long served; // lock
  private boolean running; // lock
  private long applied; // lock
  private long rejected; // lock
  private long unchanged; // lock
  private Outcome last; // lock
  private Outcome lastRejected; // lock
  private long lastAppliedAt; // lock

  /**
   * A reloader that records requests from now on and serves them once {@link #configure configured}
   * and {@link #start started}: in premain, the signal handlers need it before the options' loader
   * exists.
   */
  public Reloader(Registry registry) {
    this.registry = registry;
  }

  public Reloader(Loader loader, Registry registry, boolean verbose, Duration callbackDeadline) {
    this(registry);
    configure(loader, verbose, callbackDeadline);
  }

  /** What a reload reads and how; before {@link #start}. */
  public void configure(Loader loader, boolean verbose, Duration callbackDeadline) {
    path = new ReloadPath(loader, registry, verbose, callbackDeadline.toMillis());
  }

  /** Starts the reload thread; it survives any error of one reload. */
  public void start() {
    AgentThreads.start(
        "hotconf-reload",
        new Runnable() {
          @Override
          public void run() {
            loop();
          }
        });
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** The configured files' loader; {@code null} before {@link #configure}. */
  public Loader loader() {
    ReloadPath p = path;
    return p == null ? null : p.loader;
  }

  public Registry registry() {
    return registry;
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

  /** The number of requests so far: a request made after this call is served past it. */
  public long ticket() {
    synchronized (lock) {
      return requested;
    }
  }

  /**
   * Waits for the first reload that serves a request made after {@code ticket} was taken.
   *
   * @return its outcome (or a later one's, which read the files later still), or {@code null} if
   *     none ended within {@code timeoutMillis}
   */
  public Outcome awaitServed(long ticket, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    synchronized (lock) {
      while (served <= ticket || last == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        lock.wait(Math.max(1, left / 1_000_000L));
      }
      return last;
    }
  }

  /** Asks for a reload and waits for the reload that serves the request. */
  public Outcome requestAndWait(String cause, long timeoutMillis) throws InterruptedException {
    long ticket;
    synchronized (lock) {
      ticket = requested;
      request(cause);
    }
    return awaitServed(ticket, timeoutMillis);
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
          lock.notifyAll();
        }
      }
      if (outcome != null) {
        for (Listener l : listeners) {
          try {
            l.finished(outcome);
          } catch (Throwable e) {
            Log.error("a reload listener failed", e);
          }
        }
      }
    }
  }

  /** Runs one reload now, on the calling thread, and logs its outcome. */
  public Outcome reload(String cause) {
    ReloadPath p = path;
    if (p == null) throw new IllegalStateException("not configured");
    return finish(p.run(cause));
  }

  private Outcome finish(Outcome outcome) {
    synchronized (lock) {
      switch (outcome.kind()) {
        case APPLIED:
          applied++;
          lastAppliedAt = outcome.endedAt();
          break;
        case REJECTED:
          rejected++;
          lastRejected = outcome;
          break;
        default:
          unchanged++;
      }
      last = outcome;
    }
    if (outcome.kind() == Outcome.Kind.REJECTED) Log.error(outcome.toString());
    else Log.info(outcome.toString());
    return outcome;
  }

  /** What status reports tell about reloads, at one moment. */
  public Status status() {
    synchronized (lock) {
      return new Status(
          applied,
          rejected,
          unchanged,
          requested,
          served,
          running,
          last,
          lastRejected,
          lastAppliedAt);
    }
  }

  /** The reload counters and outcomes at one moment. */
  public static final class Status {
    public final long applied;
    public final long rejected;
    public final long unchanged;

    /** Requests recorded so far. */
    public final long requested;

    /** Requests served so far: grows when a reload ends. */
    public final long served;

    public final boolean running;

    /** The last reload's outcome, or {@code null} before the first. */
    public final Outcome last;

    /** The last rejected reload's outcome, or {@code null}. */
    public final Outcome lastRejected;

    /** Epoch milliseconds of the last applied reload, 0 if none. */
    public final long lastAppliedAt;

    Status(
        long applied,
        long rejected,
        long unchanged,
        long requested,
        long served,
        boolean running,
        Outcome last,
        Outcome lastRejected,
        long lastAppliedAt) {
      this.applied = applied;
      this.rejected = rejected;
      this.unchanged = unchanged;
      this.requested = requested;
      this.served = served;
      this.running = running;
      this.last = last;
      this.lastRejected = lastRejected;
      this.lastAppliedAt = lastAppliedAt;
    }
  }
}
