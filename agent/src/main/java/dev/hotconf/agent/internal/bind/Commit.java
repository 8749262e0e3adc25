package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Snapshot;
import java.util.List;

/**
 * What a committed plan changed: the new generation, the snapshot it replaced, the classes whose
 * fields changed, and the classes that have callbacks but no bound field (they hear of every reload
 * that changed a key).
 */
public final class Commit {
  private final long generation;
  private final Snapshot previous;
  final List<ClassBindings> affected;
  final List<ClassBindings> callbackOnly;

  Commit(
      long generation,
      Snapshot previous,
      List<ClassBindings> affected,
      List<ClassBindings> callbackOnly) {
    this.generation = generation;
    this.previous = previous;
    this.affected = List.copyOf(affected);
    this.callbackOnly = List.copyOf(callbackOnly);
  }

  /** The generation now active. */
  public long generation() {
    return generation;
  }

  /** The snapshot that was active before this commit. */
  public Snapshot previous() {
    return previous;
  }
}
