package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Limits;
import dev.hotconf.agent.internal.load.Loader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --includes POLICY}, for the commands that load files here rather than in the JVM, and the
 * loader it gives: the agent's default limits with that policy.
 */
final class Includes {
  @Option(
      names = "--includes",
      defaultValue = "local",
      paramLabel = "POLICY",
      description = "Where HOCON includes may reach, as the agent option: local, files or all.")
  String policy;

  /**
   * A loader for {@code names}, layered in order.
   *
   * @throws IllegalArgumentException if the policy is not one of the three, with the message to
   *     show
   */
  Loader loader(List<String> names) {
    List<ConfigFile> configs = new ArrayList<>();
    for (String name : names) configs.add(ConfigFile.of(name));
    return new Loader(configs, Limits.DEFAULTS.withIncludes(parse()));
  }

  private Limits.Includes parse() {
    switch (policy.toLowerCase(Locale.ROOT)) {
      case "local":
        return Limits.Includes.LOCAL;
      case "files":
        return Limits.Includes.FILES;
      case "all":
        return Limits.Includes.ALL;
      default:
        throw new IllegalArgumentException(
            "--includes " + policy + ": accepted values are local, files and all");
    }
  }
}
