package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hash FILE...}: the configuration hash those files will have once applied. */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the configuration hash (sha256:...) that these files, layered in this order, will"
          + " have once a JVM applies them: the same code as the agent computes it, so a pipeline"
          + " knows the value to wait for (status --wait-hash) before it rolls out. HOCON"
          + " substitutions of environment variables ($${?VAR}) resolve from this environment,"
          + " which may differ from the JVM's.",
      "Exit status: 0, or 1 if the files do not load (each problem is printed)."
    })
final class HashCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The configuration files.")
  List<String> files;

  @Mixin Includes includes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Loader loader;
    try {
      loader = includes.loader(files);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      return 1;
    }
    try {
      out.println(loader.load().hash());
      return 0;
    } catch (LoadException e) {
      for (Problem p : e.problems()) out.println(p);
      return 1;
    }
  }
}
