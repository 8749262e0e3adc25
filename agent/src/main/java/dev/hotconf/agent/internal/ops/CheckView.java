package dev.hotconf.agent.internal.ops;

import java.util.List;
import javax.management.ConstructorParameters;

/** What {@code check --pid} learns: would the candidate apply, what would change, and why not. */
public final class CheckView {
  private final boolean wouldApply;
  private final String candidateHash;
  private final List<String> changes;
  private final List<String> problems;

  /** As a JMX client rebuilds it. */
  @ConstructorParameters({"wouldApply", "candidateHash", "changes", "problems"})
  public CheckView(
      boolean wouldApply, String candidateHash, List<String> changes, List<String> problems) {
    this.wouldApply = wouldApply;
    this.candidateHash = candidateHash;
    this.changes = List.copyOf(changes);
    this.problems = List.copyOf(problems);
  }

  public boolean isWouldApply() {
    return wouldApply;
  }

  /** The candidate's hash, or {@code null} when its files did not load. */
  public String getCandidateHash() {
    return candidateHash;
  }

  /** {@code key: old → new} for each key that would change, secrets masked. */
  public List<String> getChanges() {
    return changes;
  }

  /** Every problem, {@code file: line: key: problem (field …)}. */
  public List<String> getProblems() {
    return problems;
  }
}
