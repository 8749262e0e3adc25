package dev.hotconf.agent.internal.load;

import java.util.List;

/** The configuration files could not be read into a snapshot; carries every problem found. */
public final class LoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public LoadException(List<Problem> problems) {
    super(join(problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** One problem at {@code origin}. */
  static LoadException at(Origin origin, String message) {
    return new LoadException(List.of(Problem.at(origin, message)));
  }

  /** One problem with the whole file {@code file}. */
  static LoadException inFile(String file, String message) {
    return new LoadException(List.of(Problem.inFile(file, message)));
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The problems' texts joined with {@code ; }, as one log line shows them. */
  public static String join(List<Problem> problems) {
    StringBuilder out = new StringBuilder();
    for (Problem p : problems) {
      if (out.length() > 0) out.append("; ");
      out.append(p);
    }
    return out.toString();
  }
}
