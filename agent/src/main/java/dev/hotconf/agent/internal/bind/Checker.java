package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline {@code check}: what a reload would say of a configuration for a set of classes,
 * without running any of them — the classes are loaded but never initialized.
 */
public final class Checker {
  private Checker() {}

  /** What the check found. */
  public static final class Report {
    private final List<Problem> problems;
    private final List<String> warnings;
    private final List<Problem> unknownKeys;
    private final int classes;
    private final int bindings;

    Report(
        List<Problem> problems,
        List<String> warnings,
        List<Problem> unknownKeys,
        int classes,
        int bindings) {
      this.problems = List.copyOf(problems);
      this.warnings = List.copyOf(warnings);
      this.unknownKeys = List.copyOf(unknownKeys);
      this.classes = classes;
      this.bindings = bindings;
    }

    /** Values that would be refused: each one a reason to reject. */
    public List<Problem> problems() {
      return problems;
    }

    /** Annotated members that cannot be bound. */
    public List<String> warnings() {
      return warnings;
    }

    /** Keys that bind to no field of the classes checked. */
    public List<Problem> unknownKeys() {
      return unknownKeys;
    }

    /** Classes with at least one bound field. */
    public int classes() {
      return classes;
    }

    /** Bound fields found. */
    public int bindings() {
      return bindings;
    }
  }

  /** Converts and validates every binding of {@code classes} under {@code snapshot}. */
  public static Report check(Snapshot snapshot, List<Class<?>> classes) {
    List<Problem> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<FieldBinding> all = new ArrayList<>();
    int bound = 0;
    for (Class<?> type : classes) {
      ClassBindings cb = AnnotationScan.scan(type, false);
      warnings.addAll(cb.warnings);
      if (!cb.hasBindings()) continue;
      bound++;
      all.addAll(cb.all);
      Planner.convert(cb, snapshot, problems);
    }
    return new Report(problems, warnings, UnknownKeys.find(snapshot, all), bound, all.size());
  }
}
