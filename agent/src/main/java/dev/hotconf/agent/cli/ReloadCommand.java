package dev.hotconf.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reload PID | --pidfile FILE}: signal, then wait for that reload's outcome. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the reload signal to a JVM running the agent and waits for the outcome of that"
          + " reload.",
      "Exit status: 0 applied, 1 rejected (the previous configuration is kept), 2 no outcome:"
          + " timeout, no such process, or no agent in it."
    })
final class ReloadCommand implements Callable<Integer> {
  static final class Target {
    @Parameters(paramLabel = "PID", description = "The process id of the JVM.")
    Long pid;

    @Option(
        names = "--pidfile",
        paramLabel = "FILE",
        description = "Read the process id from FILE (as written by the agent's pidfile= option).")
    Path pidfile;
  }

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(
      names = "--signal",
      defaultValue = "HUP",
      description = "The signal to send: HUP or USR1 (default: ${DEFAULT-VALUE}).")
  String signal;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "How long to wait for the outcome (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long pid;
    try {
      pid = target.pid != null ? target.pid : readPidfile(target.pidfile);
    } catch (AgentClient.Unreachable e) {
      return fail(e.getMessage());
    }
    String name = signal.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", "");
    if (!name.equals("HUP") && !name.equals("USR1")) {
      return fail("--signal " + signal + ": accepted values are HUP and USR1");
    }
    try (AgentClient client = AgentClient.connect(pid)) {
      long target = client.bean.getRequestsServed();
      target += client.bean.isReloadRunning() ? 2 : 1;
      Signals.send(pid, name);
      long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      while (client.bean.getRequestsServed() < target) {
        if (System.nanoTime() > deadline) {
          return fail(
              "timeout: no reload outcome within "
                  + timeoutSeconds
                  + " s; is SIG"
                  + name
                  + " handled in process "
                  + pid
                  + "? See its log (nohup and -Xrs keep signals from the agent)");
        }
        Thread.sleep(20);
      }
      String outcome = client.bean.getLastOutcome();
      spec.commandLine().getOut().println(outcome);
      return outcome.startsWith("applied") ? 0 : 1;
    } catch (AgentClient.Unreachable | IOException e) {
      return fail(e.getMessage());
    } catch (RuntimeException e) { // a JMX call failed: the process went away
      return fail(
          "lost process "
              + pid
              + " while waiting ("
              + (ProcessHandle.of(pid).isPresent() ? e : "it exited")
              + "); a signal it does not handle ends it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("hotconf: " + message);
    return 2;
  }

  static long readPidfile(Path file) throws AgentClient.Unreachable {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return Long.parseLong(text);
    } catch (NoSuchFileException e) {
      throw new AgentClient.Unreachable(file + ": no such pidfile; is the application running?");
    } catch (IOException | NumberFormatException e) {
      throw new AgentClient.Unreachable(file + ": not a pidfile (" + e.getMessage() + ")");
    }
  }
}
