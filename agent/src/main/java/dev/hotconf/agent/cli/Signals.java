package dev.hotconf.agent.cli;

import java.io.IOException;

/** Sends a signal to another process. */
final class Signals {
  private Signals() {}

  /**
   * Sends {@code SIG<name>} to {@code pid}.
   *
   * @throws IOException if it could not be sent
   */
  static void send(long pid, String name) throws IOException, InterruptedException {
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
