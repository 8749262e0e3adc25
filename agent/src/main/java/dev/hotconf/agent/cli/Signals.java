package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.natives.Natives;
import java.io.IOException;

/**
 * Sends a signal to another process, which the JDK cannot: the system's {@code kill} command, or
 * kill(2) through jnr where there is none. The command comes first because it costs a fork (a few
 * milliseconds) where binding kill(2) through jnr costs some 400 ms of class generation, and the
 * CLI is run in loops by rollout scripts.
 */
final class Signals {
  private Signals() {}

  /**
   * Sends {@code SIG<name>} to {@code pid}.
   *
   * @throws IOException if it could not be sent
   */
  static void send(long pid, String name) throws IOException, InterruptedException {
    Process kill;
    try {
      kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
    } catch (IOException noKillCommand) {
      String failure;
      try {
        failure = Natives.kill(pid, name);
      } catch (Natives.Unavailable e) {
        throw new IOException(
            "cannot send SIG" + name + " to process " + pid + ": no kill command, no native calls",
            e);
      }
      if (failure != null) {
        throw new IOException("cannot send SIG" + name + " to process " + pid + ": " + failure);
      }
      return;
    }
    String out = new String(kill.getInputStream().readAllBytes()).trim();
    if (kill.waitFor() != 0) {
      throw new IOException("cannot send SIG" + name + " to process " + pid + ": " + out);
    }
  }
}
