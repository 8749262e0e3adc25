package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.bind.Plan;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code check --pid}: plans candidate files inside the running JVM, against every live binding and
 * with the application's own classes and class loaders, and commits nothing — no field written, no
 * callback, generation and hash unchanged.
 */
public final class CandidateCheck {
  private final boolean wouldApply;
  private final String candidateHash;
  private final List<String> changes;
  private final List<Problem> problems;

  private CandidateCheck(
      boolean wouldApply, String candidateHash, List<String> changes, List<Problem> problems) {
    this.wouldApply = wouldApply;
    this.candidateHash = candidateHash;
    this.changes = List.copyOf(changes);
    this.problems = List.copyOf(problems);
  }

  /**
   * Plans the configured files as they are on disk, or {@code files} in their place (as many, in
   * the same order; a file whose extension names no format takes the one it replaces).
   *
   * @throws IllegalArgumentException if {@code files} is not empty and its count differs
   */
  public static CandidateCheck run(Loader configured, Registry registry, List<String> files) {
    Loader loader = configured;
    if (!files.isEmpty()) {
      List<ConfigFile> replaced = configured.files();
      if (files.size() != replaced.size()) {
        throw new IllegalArgumentException(
            "the JVM reads "
                + replaced.size()
                + (replaced.size() == 1 ? " file" : " files")
                + ", in this order: "
                + names(replaced)
                + "; give as many candidate files, in the same order");
      }
      List<ConfigFile> candidates = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        candidates.add(ConfigFile.replacing(files.get(i), replaced.get(i)));
      }
      loader = configured.withFiles(candidates);
    }
    Snapshot active = registry.current().snapshot;
    Snapshot candidate;
    try {
      candidate = loader.load();
    } catch (LoadException e) {
      return new CandidateCheck(false, null, List.of(), e.problems());
    }
    Plan plan = registry.plan(candidate);
    Set<String> changed = candidate.changedKeys(active);
    List<String> changes = Changes.describe(changed, registry.bound(changed), active, candidate);
    return new CandidateCheck(
        plan.problems().isEmpty(), candidate.hash(), changes, plan.problems());
  }

  private static String names(List<ConfigFile> files) {
    StringBuilder out = new StringBuilder();
    for (ConfigFile f : files) {
      if (out.length() > 0) out.append(", ");
      out.append(f.name());
    }
    return out.toString();
  }

  public boolean wouldApply() {
    return wouldApply;
  }

  /** The candidate's configuration hash, or {@code null} when its files did not load. */
  public String candidateHash() {
    return candidateHash;
  }

  /** {@code key: old → new} per key that would change (secrets masked). */
  public List<String> changes() {
    return changes;
  }

  public List<Problem> problems() {
    return problems;
  }
}
