package dev.hotconf;

import java.util.Set;

/** What an {@link OnReload} callback learns about the reload that triggered it. */
public interface ReloadEvent {
  /**
   * The generation of the configuration now active.
   *
   * @return 1 for the configuration read at start, plus one per applied reload
   */
  long generation();

  /**
   * The configuration paths whose value changed in this reload.
   *
   * @return an unmodifiable set of dot-separated paths
   */
  Set<String> changedKeys();

  /**
   * What asked for the reload.
   *
   * @return e.g. {@code "SIGHUP"}, {@code "SIGUSR1"}
   */
  String cause();
}
