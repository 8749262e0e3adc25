package dev.hotconf.agent.internal.bind;

/**
 * One class's binding values under a snapshot, in {@link ClassBindings#all()} order: each value
 * converted (or {@link FieldBinding#ABSENT}) and the configuration text it came from.
 */
final class Values {
  final Object[] values;

  /** The canonical text of each value's configuration node; {@code null} where absent. */
  final String[] texts;

  Values(int size) {
    values = new Object[size];
    texts = new String[size];
  }
}
