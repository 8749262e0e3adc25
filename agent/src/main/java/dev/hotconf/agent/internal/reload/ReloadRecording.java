package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.Log;

/**
 * A reload as a JFR event, {@code dev.hotconf.Reload}: begun when the reload starts, committed with
 * its outcome. Only while JFR runs: creating the first event of a JVM that records nothing costs
 * over a second (JFR initializes its metadata for it), one where JFR runs about a hundred
 * milliseconds, once. So the event class loads at the first reload after JFR has started, never at
 * start-up; on a JVM without the {@code jdk.jfr} module, reloads are simply not recorded.
 */
final class ReloadRecording {
  private static volatile boolean unavailable;

  private final JfrReloadEvent event;

  private ReloadRecording(JfrReloadEvent event) {
    this.event = event;
  }

  /** A recording of the reload starting now, or {@code null} where JFR does not run. */
  static ReloadRecording begin() {
    if (unavailable) return null;
    try {
      if (!jdk.jfr.FlightRecorder.isInitialized()) return null;
      JfrReloadEvent event = new JfrReloadEvent();
      event.begin();
      return new ReloadRecording(event);
    } catch (LinkageError | RuntimeException e) {
      unavailable = true;
      Log.info("reloads are not recorded as JFR events: " + e);
      return null;
    }
  }

  void commit(Outcome outcome) {
    try {
      event.end();
      if (!event.shouldCommit()) return;
      event.cause = outcome.cause();
      event.outcome = outcome.kind().word();
      event.generation = outcome.generation();
      event.configHash = outcome.configHash();
      event.changedKeys = outcome.changedKeys().size();
      event.commit();
    } catch (LinkageError | RuntimeException e) {
      unavailable = true;
    }
  }

  /** The event: one per reload. */
  @jdk.jfr.Name("dev.hotconf.Reload")
  @jdk.jfr.Label("Reload")
  @jdk.jfr.Category("hotconf")
  @jdk.jfr.Description("One configuration reload and how it ended")
  @jdk.jfr.StackTrace(false)
  static final class JfrReloadEvent extends jdk.jfr.Event {
    @jdk.jfr.Label("Cause")
    String cause;

    @jdk.jfr.Label("Outcome")
    @jdk.jfr.Description("applied, rejected or unchanged")
    String outcome;

    @jdk.jfr.Label("Generation")
    long generation;

    @jdk.jfr.Label("Configuration Hash")
    String configHash;

    @jdk.jfr.Label("Changed Keys")
    int changedKeys;
  }
}
