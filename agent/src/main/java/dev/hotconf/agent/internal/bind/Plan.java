package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every binding's value under a new snapshot, computed before anything is written; or, if any value
 * does not convert, every problem — and then nothing is written at all.
 */
public final class Plan {
  final Snapshot snapshot;

  /** Per class, its values. */
  final Map<ClassBindings, Values> values;

  private final List<Problem> problems;

  Plan(Snapshot snapshot, IdentityHashMap<ClassBindings, Values> values, List<Problem> problems) {
    this.snapshot = snapshot;
    this.values = values;
    this.problems = List.copyOf(problems);
  }

  /** What prevents this plan from being committed; empty if it can be. */
  public List<Problem> problems() {
    return problems;
  }

  public Snapshot snapshot() {
    return snapshot;
  }
}
