package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.ops.ReloadView;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reload PID | --pidfile FILE}: signal, then wait for that reload's outcome. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Sends the reload signal to a JVM running the agent and waits for the outcome of the reload"
          + " that read the files after the signal.",
      "Exit status: 0 applied or unchanged, 1 rejected (the previous configuration is kept), 2 no"
          + " outcome: timeout, no such process, or no agent in it."
    })
final class ReloadCommand implements Callable<Integer> {
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
      pid = target.pid();
    } catch (AgentClient.Unreachable e) {
      return fail(e.getMessage());
    }
    String name = signal.toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) name = name.substring(3);
    if (!name.equals("HUP") && !name.equals("USR1")) {
      return fail("--signal " + signal + ": accepted values are HUP and USR1");
    }
    try (AgentClient client = AgentClient.connect(pid)) {
      // The ticket first, then the signal: the reload that serves a later request read the files
      // after the signal, whatever ran before or meanwhile.
      long ticket = client.bean.requestTicket();
      Signals.send(pid, name);
      ReloadView outcome = client.bean.awaitReload(ticket, timeoutSeconds * 1000L);
      if (outcome == null) {
        return fail(
            "timeout: no reload outcome within "
                + timeoutSeconds
                + " s; is SIG"
                + name
                + " handled in process "
                + pid
                + "? See its log (nohup and -Xrs keep signals from the agent)");
      }
      spec.commandLine().getOut().println(outcome.getSummary());
      return "rejected".equals(outcome.getOutcome()) ? 1 : 0;
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
}
