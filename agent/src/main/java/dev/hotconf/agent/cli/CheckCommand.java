package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.bind.Checker;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import dev.hotconf.agent.internal.ops.CheckView;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.management.RuntimeMBeanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: nginx's {@code -t}, for a deploy pipeline — offline against the application's
 * class path, or inside the running JVM ({@code --pid}) against its live bindings.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks configuration files as the agent would read them (later files override earlier"
          + " ones). With --pid, the candidate files are planned inside the running JVM, against"
          + " every live binding, and nothing is applied: it prints each key that would change,"
          + " each problem, and the candidate's hash; without FILE, the JVM's own files as they"
          + " are on disk now. With --classpath, every @Reloadable field found there (Spring Boot"
          + " executable jars, WARs, directories, jars and their Class-Path manifests) is"
          + " checked; classes are loaded, never initialized.",
      "Exit status: 0 good, 1 problems found (each with file, line, key and field), 2 no answer"
          + " (the JVM cannot be reached, or the files do not match its own)."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "0..*", description = "The configuration files.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "CP",
      description =
          "The application's class path: directories and jars, separated by '${sys:path.separator}'.")
  String classpath;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "Check inside the running JVM with this process id, against its bindings.")
  Long pid;

  @Option(
      names = "--allow-unchecked",
      description =
          "With --classpath: classes that cannot be loaded are warnings, and finding no bound"
              + " field at all is not an error.")
  boolean allowUnchecked;

  @Mixin Includes includes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (pid != null) return live();
    PrintWriter out = spec.commandLine().getOut();
    if (files.isEmpty()) {
      spec.commandLine().getErr().println("hotconf: name the files to check, or give --pid");
      return 2;
    }
    Snapshot snapshot;
    try {
      snapshot = includes.loader(files).load();
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      return 1;
    } catch (LoadException e) {
      for (Problem p : e.problems()) out.println(p);
      return 1;
    }
    if (classpath == null) {
      out.println("candidate: " + snapshot.hash());
      out.println("ok: " + files.size() + (files.size() == 1 ? " file parses" : " files parse"));
      return 0;
    }
    return offline(snapshot, out);
  }

  private int offline(Snapshot snapshot, PrintWriter out) throws IOException {
    try (ApplicationClassPath cp = ApplicationClassPath.open(classpath);
        URLClassLoader loader =
            new URLClassLoader(cp.urls(), CheckCommand.class.getClassLoader())) {
      for (String note : cp.notes()) out.println("note: " + note);
      List<Class<?>> classes = new ArrayList<>();
      List<String> unloadable = new ArrayList<>();
      for (String name : cp.annotatedClasses()) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          type.getDeclaredFields(); // resolves the fields' types: fail here, with a clear message
          classes.add(type);
        } catch (ClassNotFoundException | LinkageError e) {
          unloadable.add("cannot check " + name + ": " + e + " (is the class path complete?)");
        }
      }
      Checker.Report report = Checker.check(snapshot, classes);
      for (String w : report.warnings()) out.println("warning: " + w);
      for (Problem p : report.unknownKeys()) out.println("warning: binds to no field: " + p);
      boolean failed = !report.problems().isEmpty();
      for (String u : unloadable) out.println((allowUnchecked ? "warning: " : "") + u);
      failed |= !unloadable.isEmpty() && !allowUnchecked;
      for (Problem p : report.problems()) out.println(p);
      if (report.bindings() == 0 && !allowUnchecked) {
        out.println(
            "no @Reloadable field found in "
                + classpath
                + ": nothing was checked; give the application's class path (or"
                + " --allow-unchecked)");
        failed = true;
      }
      out.println("candidate: " + snapshot.hash());
      if (failed) return 1;
      out.println(
          "ok: "
              + files.size()
              + (files.size() == 1 ? " file, " : " files, ")
              + report.bindings()
              + (report.bindings() == 1 ? " bound field in " : " bound fields in ")
              + report.classes()
              + (report.classes() == 1 ? " class" : " classes"));
      return 0;
    }
  }

  /** {@code check --pid}: the JVM plans the candidate and commits nothing. */
  private int live() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> absolute = new ArrayList<>();
    for (String f : files) absolute.add(Path.of(f).toAbsolutePath().normalize().toString());
    try (AgentClient client = AgentClient.connect(pid)) {
      CheckView check = client.bean.check(absolute);
      for (String change : check.getChanges()) out.println("would change: " + change);
      if (check.getChanges().isEmpty() && check.isWouldApply()) out.println("would change nothing");
      for (String problem : check.getProblems()) out.println(problem);
      if (check.getCandidateHash() != null) out.println("candidate: " + check.getCandidateHash());
      out.println(
          check.isWouldApply()
              ? "ok: process " + pid + " would apply it"
              : "rejected: process " + pid + " would keep its configuration");
      return check.isWouldApply() ? 0 : 1;
    } catch (AgentClient.Unreachable e) {
      spec.commandLine().getErr().println("hotconf: " + e.getMessage());
      return 2;
    } catch (RuntimeMBeanException e) {
      spec.commandLine().getErr().println("hotconf: " + e.getCause().getMessage());
      return 2;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("hotconf: lost process " + pid + " (" + e + ")");
      return 2;
    }
  }
}
