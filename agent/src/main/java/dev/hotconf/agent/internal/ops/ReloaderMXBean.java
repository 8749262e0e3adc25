package dev.hotconf.agent.internal.ops;

import java.util.List;

/**
 * The agent as JMX shows it, as {@code dev.hotconf:type=Reloader}: what {@code java -jar
 * hotconf-agent.jar status} and {@code reload} read, and what jconsole shows. Only open types, so a
 * client needs none of hotconf's classes. No value of a secret key appears here.
 */
public interface ReloaderMXBean {
  /** The object name this bean is registered under. */
  String NAME = "dev.hotconf:type=Reloader";

  /**
   * @return the active configuration's generation: 1 at start, plus one per applied reload
   */
  long getGeneration();

  /**
   * @return how many reloads were applied
   */
  long getReloadsApplied();

  /**
   * @return how many reloads were rejected
   */
  long getReloadsRejected();

  /**
   * @return how many reload requests have been served (a reload serves all pending ones)
   */
  long getRequestsServed();

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
   * Reloads now and waits for the outcome.
   *
   * @return the outcome line: {@code applied: ...} or {@code rejected: ...}
   */
  String reload();
}
