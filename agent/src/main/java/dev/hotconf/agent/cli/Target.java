package dev.hotconf.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The JVM a command talks to: a process id, or the pidfile the agent wrote. */
final class Target {
  @Parameters(index = "0", paramLabel = "PID", description = "The process id of the JVM.")
  Long pid;

  @Option(
      names = "--pidfile",
      paramLabel = "FILE",
      description = "Read the process id from FILE (as written by the agent's pidfile= option).")
  Path pidfile;

  /** The process id. */
  long pid() throws AgentClient.Unreachable {
    if (pid != null) return pid;
    try {
      String text = Files.readString(pidfile, StandardCharsets.US_ASCII).trim();
      return Long.parseLong(text);
    } catch (NoSuchFileException e) {
      throw new AgentClient.Unreachable(pidfile + ": no such pidfile; is the application running?");
    } catch (IOException | NumberFormatException e) {
      throw new AgentClient.Unreachable(pidfile + ": not a pidfile (" + e.getMessage() + ")");
    }
  }
}
