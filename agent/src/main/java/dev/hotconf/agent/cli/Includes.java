package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Limits;
import dev.hotconf.agent.internal.load.Loader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --includes POLICY}, for the commands that load files here rather than in the JVM, and the
 * loader it gives: the agent's default limits with that policy.
 */
final class Includes {
  @Option(
      names = "--includes",
      defaultValue = "local",
      paramLabel = "POLICY",
      converter = Policy.class,
      description = "Where HOCON includes may reach, as the agent option: local, files or all.")
  Limits.Includes policy;

  /**
   * A loader for {@code names}, layered in order.
   *
   * @throws IllegalArgumentException if a name is not a configuration file, with the message to
   *     show
   */
  Loader loader(List<String> names) {
    List<ConfigFile> configs = new ArrayList<>();
    for (String name : names) configs.add(ConfigFile.of(name));
    return new Loader(configs, Limits.DEFAULTS.withIncludes(policy));
  }

  /** A wrong policy is a usage error (exit 2), reported by picocli with the accepted values. */
  static final class Policy implements ITypeConverter<Limits.Includes> {
    @Override
    public Limits.Includes convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "local":
          return Limits.Includes.LOCAL;
        case "files":
          return Limits.Includes.FILES;
        case "all":
          return Limits.Includes.ALL;
        default:
          throw new TypeConversionException("accepted values are local, files and all");
      }
    }
  }
}
