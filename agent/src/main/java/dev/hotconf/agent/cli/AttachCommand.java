package dev.hotconf.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code attach PID OPTIONS}: loads the agent into a running JVM. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = {
      "Loads the agent into a running JVM, with the same options as -javaagent. Static fields of"
          + " classes already loaded are bound at once, and every object constructed afterwards.",
      "Exit status: 0 attached, 1 the agent did not start (see the JVM's output), 2 cannot"
          + " attach."
    })
final class AttachCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PID", description = "The process id of the JVM.")
  long pid;

  @Parameters(
      index = "1",
      paramLabel = "OPTIONS",
      description = "The agent options, e.g. config=/etc/app/app.yaml,signals=HUP")
  String options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (ProcessHandle.of(pid).isEmpty()) return fail(2, "no process with pid " + pid);
    Path jar;
    try {
      jar =
          Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      return fail(2, "cannot find the agent jar: " + e);
    }
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        vm.loadAgent(jar.toString(), options);
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException | IOException e) {
      return fail(2, "cannot attach to process " + pid + ": " + e.getMessage());
    } catch (AgentLoadException | AgentInitializationException e) {
      return fail(1, "the agent did not start in process " + pid + ": " + e.getMessage());
    }
    // The agent reports a bad option or configuration in the JVM's own output and leaves it
    // alone; its MBean is how this side learns that it runs.
    if (options.contains("jmx=false")) {
      spec.commandLine().getOut().println("loaded into process " + pid);
      return 0;
    }
    try (AgentClient client = AgentClient.connect(pid)) {
      spec.commandLine()
          .getOut()
          .println(
              "attached to process "
                  + pid
                  + ": generation "
                  + client.bean.getGeneration()
                  + ", "
                  + client.bean.getBindings()
                  + " fields bound");
      return 0;
    } catch (AgentClient.Unreachable e) {
      return fail(1, "the agent did not start in process " + pid + "; its output says why");
    }
  }

  private int fail(int status, String message) {
    spec.commandLine().getErr().println("hotconf: " + message);
    return status;
  }
}
