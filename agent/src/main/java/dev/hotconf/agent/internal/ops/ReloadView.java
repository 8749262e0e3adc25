package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.reload.Outcome;
import java.util.ArrayList;
import java.util.List;
import javax.management.ConstructorParameters;

/** One reload's outcome as the MBean shows it: open types only, so any JMX client reads it. */
public final class ReloadView {
  private final String outcome;
  private final String cause;
  private final long generation;
  private final String configHash;
  private final List<String> changedKeys;
  private final List<String> problems;
  private final double durationMillis;
  private final long at;
  private final String summary;

  /** As a JMX client rebuilds it. */
  @ConstructorParameters({
    "outcome",
    "cause",
    "generation",
    "configHash",
    "changedKeys",
    "problems",
    "durationMillis",
    "at",
    "summary"
  })
  public ReloadView(
      String outcome,
      String cause,
      long generation,
      String configHash,
      List<String> changedKeys,
      List<String> problems,
      double durationMillis,
      long at,
      String summary) {
    this.outcome = outcome;
    this.cause = cause;
    this.generation = generation;
    this.configHash = configHash;
    this.changedKeys = List.copyOf(changedKeys);
    this.problems = List.copyOf(problems);
    this.durationMillis = durationMillis;
    this.at = at;
    this.summary = summary;
  }

  static ReloadView of(Outcome o) {
    if (o == null) return null;
    List<String> problems = new ArrayList<>();
    for (Problem p : o.problems()) problems.add(p.toString());
    return new ReloadView(
        o.kind().word(),
        o.cause(),
        o.generation(),
        o.configHash(),
        o.changedKeys(),
        problems,
        o.durationMillis(),
        o.endedAt(),
        o.summary());
  }

  /** {@code applied}, {@code rejected} or {@code unchanged}. */
  public String getOutcome() {
    return outcome;
  }

  /** {@code SIGHUP}, {@code jmx}, {@code file-watch}... */
  public String getCause() {
    return cause;
  }

  /** The generation active after the reload. */
  public long getGeneration() {
    return generation;
  }

  /** The hash of what the reload read, or {@code null} when its files did not load. */
  public String getConfigHash() {
    return configHash;
  }

  /** The keys it changed, sorted. */
  public List<String> getChangedKeys() {
    return changedKeys;
  }

  /** Why it was rejected, one line per problem. */
  public List<String> getProblems() {
    return problems;
  }

  /** How long it took. */
  public double getDurationMillis() {
    return durationMillis;
  }

  /** When it ended, in epoch milliseconds. */
  public long getAt() {
    return at;
  }

  /** {@code applied: generation 3 (sha256:…), 1 key changed (greeting) in 4.1 ms}. */
  public String getSummary() {
    return summary;
  }
}
