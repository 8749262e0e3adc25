package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.natives.Natives;
import java.io.IOException;

/** Sends a signal to another process: kill(2) through jnr, as the JDK cannot. */
final class Signals {
  private Signals() {}

  /**
   * Sends {@code SIG<name>} to {@code pid}.
   *
   * @throws IOException if it could not be sent
   */
  static void send(long pid, String name) throws IOException, InterruptedException {
    try {
      String failure = Natives.kill(pid, name);
      if (failure != null) {
        throw new IOException("cannot send SIG" + name + " to process " + pid + ": " + failure);
      }
      return;
    } catch (Natives.Unavailable e) {
      // no native calls on this platform: the system's kill command does the same
    }
    Process kill =
        new ProcessBuilder("kill", "-" + name, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    String out = new String(kill.getInputStream().readAllBytes()).trim();
    if (kill.waitFor() != 0) {
      throw new IOException("cannot send SIG" + name + " to process " + pid + ": " + out);
    }
  }
}
