package dev.hotconf.agent.internal.load;

/**
 * One thing wrong with a configuration, phrased as the user needs it: where (file and line), what
 * (the key and, once bound, the field) and why. The same one-line text goes to the log, the command
 * line and the status JSON.
 */
public final class Problem {
  private final Origin origin;
  private final String message;

  private Problem(Origin origin, String message) {
    this.origin = origin;
    this.message = message;
  }

  /**
   * A problem at {@code origin}.
   *
   * @param origin where it was found, or {@code null} when no file or line applies
   */
  public static Problem at(Origin origin, String message) {
    return new Problem(origin, message);
  }

  /** A problem with a whole file: its name, no line. */
  public static Problem inFile(String file, String message) {
    return new Problem(new Origin(file, 0), message);
  }

  /** A problem that belongs to no file (a deadline, an interrupt). */
  public static Problem general(String message) {
    return new Problem(null, message);
  }

  /** Where the problem is, or {@code null}. */
  public Origin origin() {
    return origin;
  }

  public String message() {
    return message;
  }

  /** {@code file: line: message}, the form every output uses. */
  @Override
  public String toString() {
    return origin == null ? message : origin + ": " + message;
  }
}
