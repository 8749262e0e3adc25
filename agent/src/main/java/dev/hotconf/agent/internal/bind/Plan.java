package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every binding's value under a new snapshot, computed before anything is written; or, if any value
 * does not convert or violates a constraint, every problem — and then nothing is written at all.
 */
public final class Plan {
  final Snapshot snapshot;
  private final Map<ClassBindings, BoundValues> values;
  private final List<Problem> problems;

  Plan(
      Snapshot snapshot,
      IdentityHashMap<ClassBindings, BoundValues> values,
      List<Problem> problems) {
    this.snapshot = snapshot;
    this.values = values;
    this.problems = List.copyOf(problems);
  }

  /** What prevents this plan from being committed; empty if it can be. */
  public List<Problem> problems() {
    return problems;
  }

  /** The values planned for {@code cb}, or {@code null} for a class registered since. */
  BoundValues valuesOf(ClassBindings cb) {
    return values.get(cb);
  }
}
