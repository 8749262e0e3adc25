package dev.hotconf.agent.internal.reload;

import dev.hotconf.ReloadEvent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@link ReloadEvent} handed to callbacks. */
final class Event implements ReloadEvent {
  private final long generation;
  private final Set<String> changedKeys;
  private final String cause;

  Event(long generation, Set<String> changedKeys, String cause) {
    this.generation = generation;
    this.changedKeys = Collections.unmodifiableSet(new LinkedHashSet<>(changedKeys));
    this.cause = cause;
  }

  @Override
  public long generation() {
    return generation;
  }

  @Override
  public Set<String> changedKeys() {
    return changedKeys;
  }

  @Override
  public String cause() {
    return cause;
  }

  @Override
  public String toString() {
    return "ReloadEvent[generation="
        + generation
        + ", cause="
        + cause
        + ", changedKeys="
        + changedKeys
        + "]";
  }
}
