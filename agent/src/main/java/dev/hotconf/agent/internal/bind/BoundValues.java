package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Node;
import java.util.Arrays;

/**
 * One class's binding values under one snapshot, by {@link FieldBinding#index}: each value
 * converted, or {@link #ABSENT} where the configuration says nothing, with the configuration node
 * it came from. Immutable, and published whole: a constructor binds from one {@code BoundValues} or
 * the next, never from half of each.
 */
final class BoundValues {
  /** The value of a binding whose path is absent: the field holds its default. */
  static final Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "<absent>";
        }
      };

  private final Object[] values;

  /** The node each value was converted from; {@code null} where absent. */
  private final Node[] sources;

  BoundValues(Object[] values, Node[] sources) {
    this.values = values;
    this.sources = sources;
  }

  /** Every binding absent: what a class holds before it registers. */
  static BoundValues absent(int size) {
    Object[] values = new Object[size];
    Arrays.fill(values, ABSENT);
    return new BoundValues(values, new Node[size]);
  }

  int size() {
    return values.length;
  }

  /** The converted value, or {@link #ABSENT}. */
  Object value(int index) {
    return values[index];
  }

  boolean isAbsent(int index) {
    return values[index] == ABSENT;
  }

  /** The configuration node the value came from, or {@code null} where absent. */
  Node source(int index) {
    return sources[index];
  }

  /**
   * Whether binding {@code index} means something else here than in {@code other}: set, removed or
   * written differently. Objects without {@code equals} are compared by their configuration.
   */
  boolean differs(BoundValues other, int index) {
    Node mine = sources[index];
    Node theirs = other.sources[index];
    if (mine == null || theirs == null) return mine != theirs;
    return mine != theirs && !mine.sameAs(theirs);
  }
}
