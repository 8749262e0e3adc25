package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.ops.ReloaderMXBean;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code status PID}: what the agent in a JVM has done. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the agent's state in a running JVM: generation, reload counts, last outcome and"
          + " error, configuration files, bindings, live instances, triggers.",
      "Exit status: 0, or 2 if the process or its agent cannot be reached."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "PID", description = "The process id of the JVM.")
  long pid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (AgentClient client = AgentClient.connect(pid)) {
      ReloaderMXBean b = client.bean;
      PrintWriter out = spec.commandLine().getOut();
      out.println("generation:      " + b.getGeneration());
      out.println(
          "reloads:         "
              + b.getReloadsApplied()
              + " applied, "
              + b.getReloadsRejected()
              + " rejected"
              + (b.isReloadRunning() ? ", one running" : ""));
      out.println("last outcome:    " + orNone(b.getLastOutcome()));
      out.println("last error:      " + orNone(b.getLastError()));
      out.println("config files:    " + String.join(", ", b.getConfigFiles()));
      out.println("bindings:        " + b.getBindings() + " fields");
      out.println("live instances:  " + b.getLiveInstances());
      out.println("triggers:        " + String.join(", ", b.getTriggers()));
      return 0;
    } catch (AgentClient.Unreachable e) {
      spec.commandLine().getErr().println("hotconf: " + e.getMessage());
      return 2;
    }
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "none" : s;
  }
}
