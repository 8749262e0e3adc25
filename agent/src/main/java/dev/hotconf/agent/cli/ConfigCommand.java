package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.ops.ConfigEntryView;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code config PID [--json]}: the effective configuration, as nginx -T shows its own. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every key of the configuration a running JVM has applied: its value (secrets, and"
          + " keys that bind to no field, as ****), the file and line it came from, and the"
          + " fields it feeds — or that nothing binds it.",
      "Exit status: 0, or 2 if the process or its agent cannot be reached."
    })
final class ConfigCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (AgentClient client = AgentClient.connect(target.pid())) {
      long generation = client.bean.getGeneration();
      String hash = client.bean.getConfigHash();
      List<ConfigEntryView> entries = client.bean.getConfig();
      if (json) {
        Json j = new Json().begin();
        j.member("generation", generation).member("configHash", hash);
        j.key("entries").beginArray();
        for (ConfigEntryView e : entries) {
          j.begin();
          j.member("key", e.getKey());
          j.member("value", e.getValue());
          j.member("origin", e.getOrigin());
          j.key("fields").strings(e.getFields());
          j.end();
        }
        out.println(j.endArray().end());
        return 0;
      }
      out.println("# generation " + generation + ", " + hash);
      for (ConfigEntryView e : entries) {
        out.println(
            e.getKey()
                + " = "
                + e.getValue()
                + "    # "
                + e.getOrigin()
                + " → "
                + (e.getFields().isEmpty() ? "unbound" : String.join(", ", e.getFields())));
      }
      return 0;
    } catch (AgentClient.Unreachable e) {
      spec.commandLine().getErr().println("hotconf: " + e.getMessage());
      return 2;
    }
  }
}
