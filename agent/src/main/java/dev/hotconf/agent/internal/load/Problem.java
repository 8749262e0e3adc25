package dev.hotconf.agent.internal.load;

/**
 * One thing wrong with a configuration, phrased as the user needs it: where (file and line), what
 * (the key and, once bound, the field) and why.
 */
public final class Problem {
  private final Origin origin;
  private final String message;

  public Problem(Origin origin, String message) {
    this.origin = origin;
    this.message = message;
  }

  public Origin origin() {
    return origin;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return origin == null ? message : origin + ": " + message;
  }
}
