package dev.hotconf.agent.internal;

/**
 * The user's mistake at start-up — an option, or with a late attach the configuration — told in one
 * line that names the fix. Anything else thrown at start-up is the agent's own bug.
 */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message, null, false, false);
  }

  /**
   * A new one, typed as {@code Exception}: throwing it from {@code premain} then does not make the
   * verifier load this class on the path where nothing goes wrong.
   */
  public static Exception because(String message) {
    return new StartupException(message);
  }
}
