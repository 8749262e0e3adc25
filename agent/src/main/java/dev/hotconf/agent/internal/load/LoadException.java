package dev.hotconf.agent.internal.load;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration files could not be read into a snapshot; carries every problem found. */
public final class LoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public LoadException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
