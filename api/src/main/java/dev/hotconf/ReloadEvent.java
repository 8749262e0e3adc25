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
   * The configuration paths whose value changed in this reload: set, changed or removed, values
   * compared as written (a list or an empty mapping counts as one value).
   *
   * @return an unmodifiable set of dot-separated paths
   */
  Set<String> changedKeys();

  /**
   * What asked for the reload.
   *
   * @return e.g. {@code "SIGHUP"}, {@code "SIGUSR1"}, {@code "jmx"}, {@code "file-watch"}
   */
  String cause();
}
