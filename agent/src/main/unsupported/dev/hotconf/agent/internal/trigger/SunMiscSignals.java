package dev.hotconf.agent.internal.trigger;

/**
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}), used directly. A handler class written
 * out costs premain about a millisecond; the reflective {@code Proxy} it replaces cost 25. javac
 * warns about this API with a warning no option silences, so this one file is compiled apart from
 * the rest of the agent, which treats warnings as errors.
 */
public final class SunMiscSignals {
  private SunMiscSignals() {}

  /**
   * Handles {@code SIG<name>} by running {@code onSignal} (on the short-lived thread the JVM starts
   * for each delivered signal).
   *
   * @return whether the signal was ignored before (as {@code nohup} leaves {@code SIGHUP}), in
   *     which case the JVM keeps ignoring it
   * @throws IllegalArgumentException if the JVM refuses the signal ({@code -Xrs}, or in use)
   */
  public static boolean handle(String name, Runnable onSignal) {
    sun.misc.SignalHandler previous =
        sun.misc.Signal.handle(new sun.misc.Signal(name), new Handler(onSignal));
    return previous == sun.misc.SignalHandler.SIG_IGN;
  }

  private static final class Handler implements sun.misc.SignalHandler {
    private final Runnable onSignal;

    Handler(Runnable onSignal) {
      this.onSignal = onSignal;
    }

    @Override
    public void handle(sun.misc.Signal signal) {
      onSignal.run();
    }
  }
}
