package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Snapshot;
import java.util.List;

/** What a committed plan changed: the new generation and the classes whose fields changed. */
public final class Commit {
  private final long generation;
  private final Snapshot previous;
  final List<ClassBindings> affected;
  final List<ClassBindings> listeners;

  Commit(
      long generation,
      Snapshot previous,
      List<ClassBindings> affected,
      List<ClassBindings> listeners) {
    this.generation = generation;
    this.previous = previous;
    this.affected = List.copyOf(affected);
    this.listeners = List.copyOf(listeners);
  }

  /** The generation now active. */
  public long generation() {
    return generation;
  }

  /** The snapshot that was active before this commit. */
  public Snapshot previous() {
    return previous;
  }

  /** How many classes had at least one field written. */
  public int classesChanged() {
    return affected.size();
  }
}
