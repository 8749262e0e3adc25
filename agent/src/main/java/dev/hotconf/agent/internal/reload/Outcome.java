package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.load.Problem;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How one reload ended: applied (what changed, how long it took) or rejected (why). */
public final class Outcome {
  /** Changed keys listed in the log line before it says "and N more". */
  private static final int MAX_KEYS_SHOWN = 20;

  private final boolean applied;
  private final long generation;
  private final Set<String> changedKeys;
  private final List<String> details;
  private final List<Problem> problems;
  private final String cause;
  private final long nanos;

  private Outcome(
      boolean applied,
      long generation,
      Set<String> changedKeys,
      List<String> details,
      List<Problem> problems,
      String cause,
      long nanos) {
    this.applied = applied;
    this.generation = generation;
    this.changedKeys = changedKeys;
    this.details = details;
    this.problems = problems;
    this.cause = cause;
    this.nanos = nanos;
  }

  static Outcome applied(
      long generation, Set<String> changedKeys, List<String> details, String cause, long nanos) {
    return new Outcome(
        true, generation, Set.copyOf(changedKeys), List.copyOf(details), List.of(), cause, nanos);
  }

  static Outcome rejected(long kept, List<Problem> problems, String cause, long nanos) {
    return new Outcome(false, kept, Set.of(), List.of(), List.copyOf(problems), cause, nanos);
  }

  public boolean applied() {
    return applied;
  }

  /** The generation active after this reload: the new one, or the one kept. */
  public long generation() {
    return generation;
  }

  public Set<String> changedKeys() {
    return changedKeys;
  }

  public List<Problem> problems() {
    return problems;
  }

  public String cause() {
    return cause;
  }

  /**
   * The outcome as the command line prints it: {@code applied: generation N, K keys changed (keys…)
   * in X ms} or {@code rejected: problems…; previous configuration kept}.
   */
  public String summary() {
    return (applied ? "applied: " : "rejected: ") + body();
  }

  /** The duration, with a decimal below 10 ms so that a fast reload does not read "0 ms". */
  private String millis() {
    double ms = nanos / 1e6;
    return ms < 10
        ? String.format(java.util.Locale.ROOT, "%.1f", ms)
        : Long.toString(Math.round(ms));
  }

  /** The one log line: keys only, never values, so no secret is ever written out. */
  @Override
  public String toString() {
    return "reload " + (applied ? "applied" : "rejected") + " (" + cause + "): " + body();
  }

  /** What the log line and the summary share: what changed, or every problem. */
  private String body() {
    if (!applied) {
      return problems.stream().map(Problem::toString).collect(Collectors.joining("; "))
          + "; previous configuration kept (generation "
          + generation
          + ")";
    }
    String keys;
    if (changedKeys.isEmpty()) {
      keys = "no key changed";
    } else {
      List<String> sorted = changedKeys.stream().sorted().collect(Collectors.toList());
      keys =
          sorted.size()
              + (sorted.size() == 1 ? " key" : " keys")
              + " changed ("
              + String.join(", ", sorted.subList(0, Math.min(sorted.size(), MAX_KEYS_SHOWN)))
              + (sorted.size() > MAX_KEYS_SHOWN
                  ? " and " + (sorted.size() - MAX_KEYS_SHOWN) + " more"
                  : "")
              + ")";
    }
    return "generation "
        + generation
        + ", "
        + keys
        + " in "
        + millis()
        + " ms"
        + (details.isEmpty() ? "" : ": " + String.join("; ", details));
  }
}
