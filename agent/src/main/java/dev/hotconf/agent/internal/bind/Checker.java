package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check}: what a reload would say of a configuration for a set of classes, without running
 * any of them — the classes are loaded but never initialized.
 */
public final class Checker {
  /** What the check found. */
  public static final class Report {
    public final List<Problem> problems = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<Problem> unknownKeys = new ArrayList<>();
    public int classes;
    public int bindings;
  }

  private Checker() {}

  /** Converts every binding of {@code classes} under {@code snapshot}. */
  public static Report check(Snapshot snapshot, List<Class<?>> classes) {
    Report report = new Report();
    List<FieldBinding> all = new ArrayList<>();
    for (Class<?> type : classes) {
      ClassBindings cb = ClassBindings.of(type);
      report.warnings.addAll(cb.warnings);
      if (!cb.hasBindings()) continue;
      report.classes++;
      report.bindings += cb.all().size();
      all.addAll(cb.all());
      Registry.convert(cb, snapshot, report.problems);
    }
    report.unknownKeys.addAll(UnknownKeys.find(snapshot, all));
    return report;
  }
}
