package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The <em>plan</em> step: converts every binding's value under a snapshot, from the text the user
 * wrote to the field's type, checks it against the field's constraints, and collects every problem.
 * A binding whose configuration is the same as the one applied keeps its value unconverted.
 */
final class Planner {
  private Planner() {}

  /** Plans {@code next} for {@code classes}; the problems in the order of the files' lines. */
  static Plan plan(List<ClassBindings> classes, Snapshot next, List<Problem> problems) {
    IdentityHashMap<ClassBindings, BoundValues> values = new IdentityHashMap<>();
    for (ClassBindings cb : classes) values.put(cb, convert(cb, next, problems));
    if (problems.size() > 1) problems.sort(new InFileOrder(next.files()));
    return new Plan(next, values, problems);
  }

  /**
   * Problems as a reader meets them: file by file in the configured order, line by line; those
   * without a place last. Classes register in no fixed order, and their problems would follow it.
   */
  private static final class InFileOrder implements Comparator<Problem> {
    private final List<String> files;

    InFileOrder(List<String> files) {
      this.files = files;
    }

    @Override
    public int compare(Problem a, Problem b) {
      int byFile = Integer.compare(file(a), file(b));
      return byFile != 0 ? byFile : Integer.compare(line(a), line(b));
    }

    private int file(Problem p) {
      if (p.origin() == null) return Integer.MAX_VALUE;
      int i = files.indexOf(p.origin().file());
      return i < 0 ? files.size() : i;
    }

    private static int line(Problem p) {
      return p.origin() == null ? 0 : p.origin().line();
    }
  }

  /**
   * The values of {@code cb}'s bindings under {@code snapshot}. A value that does not convert is
   * reported in {@code problems} and left absent.
   */
  static BoundValues convert(ClassBindings cb, Snapshot snapshot, List<Problem> problems) {
    int size = cb.all.size();
    Object[] values = new Object[size];
    Node[] sources = new Node[size];
    BoundValues applied = cb.applied();
    for (FieldBinding b : cb.all) {
      int i = b.index;
      values[i] = BoundValues.ABSENT;
      Node node = snapshot.find(b.path);
      if (node == null) continue;
      Node before = applied.source(i);
      if (before != null && (before == node || before.sameAs(node))) {
        values[i] = applied.value(i);
        sources[i] = node;
        continue;
      }
      try {
        Object value = Converter.convert(node, b.type, b.secret);
        List<Problem> violations = Validation.check(cb, b, node, value);
        if (!violations.isEmpty()) {
          problems.addAll(violations);
          continue;
        }
        values[i] = value;
        sources[i] = node;
      } catch (ConversionException e) {
        problems.add(
            Problem.at(
                e.origin(), b.path + e.subPath() + ": " + e.getMessage() + " (field " + b + ")"));
      } catch (RuntimeException | LinkageError e) {
        // e.g. an enum whose static initializer fails: a problem with this value, not a crash
        problems.add(
            Problem.at(node.origin(), b.path + ": cannot convert: " + e + " (field " + b + ")"));
      }
    }
    return new BoundValues(values, sources);
  }
}
