package dev.hotconf.agent.internal.ops;

import java.util.List;
import javax.management.ConstructorParameters;

/**
 * The agent's state at one moment, read in one call so that its parts agree: what {@code status}
 * prints (and as JSON), and what {@code status --wait-hash} watches.
 */
public final class StatusView {
  private final long pid;
  private final long generation;
  private final String configHash;
  private final long appliedAt;
  private final ReloadView lastReload;
  private final String lastError;
  private final long reloadsApplied;
  private final long reloadsRejected;
  private final long reloadsUnchanged;
  private final boolean reloadRunning;
  private final List<String> files;
  private final int bindings;
  private final int liveInstances;
  private final List<String> triggers;
  private final List<String> agentThreadDeaths;
  private final long failedBindings;

  /** As a JMX client rebuilds it. */
  @ConstructorParameters({
    "pid",
    "generation",
    "configHash",
    "appliedAt",
    "lastReload",
    "lastError",
    "reloadsApplied",
    "reloadsRejected",
    "reloadsUnchanged",
    "reloadRunning",
    "files",
    "bindings",
    "liveInstances",
    "triggers",
    "agentThreadDeaths",
    "failedBindings"
  })
  public StatusView(
      long pid,
      long generation,
      String configHash,
      long appliedAt,
      ReloadView lastReload,
      String lastError,
      long reloadsApplied,
      long reloadsRejected,
      long reloadsUnchanged,
      boolean reloadRunning,
      List<String> files,
      int bindings,
      int liveInstances,
      List<String> triggers,
      List<String> agentThreadDeaths,
      long failedBindings) {
    this.pid = pid;
    this.generation = generation;
    this.configHash = configHash;
    this.appliedAt = appliedAt;
    this.lastReload = lastReload;
    this.lastError = lastError;
    this.reloadsApplied = reloadsApplied;
    this.reloadsRejected = reloadsRejected;
    this.reloadsUnchanged = reloadsUnchanged;
    this.reloadRunning = reloadRunning;
    this.files = List.copyOf(files);
    this.bindings = bindings;
    this.liveInstances = liveInstances;
    this.triggers = List.copyOf(triggers);
    this.agentThreadDeaths = List.copyOf(agentThreadDeaths);
    this.failedBindings = failedBindings;
  }

  public long getPid() {
    return pid;
  }

  /** 1 for the configuration read at start, plus one per applied reload. */
  public long getGeneration() {
    return generation;
  }

  /** The active configuration's hash. */
  public String getConfigHash() {
    return configHash;
  }

  /** When the active generation was applied, in epoch milliseconds. */
  public long getAppliedAt() {
    return appliedAt;
  }

  /** The last reload's outcome, or {@code null} before the first. */
  public ReloadView getLastReload() {
    return lastReload;
  }

  /** The last rejected reload's summary line, or {@code null} if none was rejected. */
  public String getLastError() {
    return lastError;
  }

  public long getReloadsApplied() {
    return reloadsApplied;
  }

  public long getReloadsRejected() {
    return reloadsRejected;
  }

  public long getReloadsUnchanged() {
    return reloadsUnchanged;
  }

  public boolean isReloadRunning() {
    return reloadRunning;
  }

  /** The configuration files, absolute, in layering order. */
  public List<String> getFiles() {
    return files;
  }

  /** Bound fields in the classes loaded so far. */
  public int getBindings() {
    return bindings;
  }

  /** Live objects with bound fields. */
  public int getLiveInstances() {
    return liveInstances;
  }

  /** What can trigger a reload: {@code SIGHUP}, {@code file-watch}, {@code jmx}... */
  public List<String> getTriggers() {
    return triggers;
  }

  /** The agent's threads that died and how (each was started again). */
  public List<String> getAgentThreadDeaths() {
    return agentThreadDeaths;
  }

  /** Classes or objects left unbound because binding them failed. */
  public long getFailedBindings() {
    return failedBindings;
  }
}
