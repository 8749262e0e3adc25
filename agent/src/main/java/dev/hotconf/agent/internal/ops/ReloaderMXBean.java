package dev.hotconf.agent.internal.ops;

import java.util.List;

/**
 * The agent as JMX shows it, as {@code dev.hotconf:type=Reloader}: what the command line's {@code
 * status}, {@code reload}, {@code check --pid} and {@code config} read, what jconsole shows, and
 * what a JMX-to-Prometheus exporter scrapes. Only open types, so a client needs none of hotconf's
 * classes. No value of a secret key appears here.
 */
public interface ReloaderMXBean {
  /** The object name this bean is registered under. */
  String NAME = "dev.hotconf:type=Reloader";

  /**
   * @return the active configuration's generation: 1 at start, plus one per applied reload
   */
  long getGeneration();

  /**
   * @return the active configuration's hash, {@code sha256:} and 64 hex digits
   */
  String getConfigHash();

  /**
   * @return whether the last reload was not rejected; true before the first reload
   */
  boolean isLastReloadSuccessful();

  /**
   * @return when the last reload ended, in epoch milliseconds; 0 before the first
   */
  long getLastReloadTime();

  /**
   * @return when the last applied reload ended, in epoch milliseconds; 0 if none was
   */
  long getLastAppliedTime();

  /**
   * @return how many reloads were applied
   */
  long getReloadsApplied();

  /**
   * @return how many reloads were rejected
   */
  long getReloadsRejected();

  /**
   * @return how many reloads found the active configuration unchanged
   */
  long getReloadsUnchanged();

  /**
   * @return whether a reload runs now
   */
  boolean isReloadRunning();

  /**
   * @return the last reload's outcome line, or empty before the first reload
   */
  String getLastOutcome();

  /**
   * @return the last rejected reload's outcome line, or empty if none was rejected
   */
  String getLastError();

  /**
   * @return the configuration files, in layering order
   */
  List<String> getConfigFiles();

  /**
   * @return the number of bound fields in the classes loaded so far
   */
  int getBindings();

  /**
   * @return the number of live objects with bound fields
   */
  int getLiveInstances();

  /**
   * @return what can trigger a reload, e.g. {@code SIGHUP}, {@code file-watch}, {@code jmx}
   */
  List<String> getTriggers();

  /**
   * @return everything above at one moment
   */
  StatusView getStatus();

  /**
   * Reloads now and waits for the outcome.
   *
   * @return the outcome line: {@code applied: ...}, {@code rejected: ...} or {@code unchanged: ...}
   */
  String reload();

  /**
   * The first step of "reload and tell me how it went": a ticket taken before asking for a reload
   * (by signal, say) that {@link #awaitReload} waits past.
   *
   * @return the number of reload requests recorded so far
   */
  long requestTicket();

  /**
   * Waits for the first reload that serves a request made after {@code ticket} was taken.
   *
   * @return its outcome, or {@code null} if none ended within {@code timeoutMillis}
   */
  ReloadView awaitReload(long ticket, long timeoutMillis);

  /**
   * Plans candidate files against the live bindings and commits nothing.
   *
   * @param files files to read in place of the configured ones, as many and in the same order; an
   *     empty list reads the configured files as they are on disk now
   * @return whether they would apply, what would change, every problem, and their hash
   */
  CheckView check(List<String> files);

  /**
   * @return every leaf key of the active configuration, its value (secrets masked), where it was
   *     written and the fields it feeds
   */
  List<ConfigEntryView> getConfig();
}
