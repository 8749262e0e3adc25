package dev.hotconf.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: its subcommands operate the agent. */
@Command(
    name = "java -jar hotconf-agent.jar",
    mixinStandardHelpOptions = true,
    versionProvider = HotconfCommand.Version.class,
    description = {
      "Operates hotconf, the agent that reloads @Reloadable fields on kill -HUP.",
      "Attach it at start: java -javaagent:hotconf-agent.jar=config=app.yaml -jar app.jar"
    },
    subcommands = {
      ReloadCommand.class,
      CheckCommand.class,
      StatusCommand.class,
      HashCommand.class,
      ConfigCommand.class,
      AttachCommand.class
    })
public final class HotconfCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Runs the command line and returns its exit status. */
  public static int run(String[] args) {
    return new CommandLine(new HotconfCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HotconfCommand.class.getPackage().getImplementationVersion();
      return new String[] {"hotconf " + (v == null ? "(development build)" : v)};
    }
  }
}
