package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.bind.Checker;
import dev.hotconf.agent.internal.bind.Instrumenter;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code check FILE... [--classpath CP]}: nginx's {@code -t}, for a deploy pipeline. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Parses the configuration files as the agent would (later files override earlier ones)"
          + " and, given the application's class path, checks that every value converts to its"
          + " @Reloadable field's type. Classes are read, never initialized.",
      "Exit status: 0 good, 1 problems found (each with file, line, key and field)."
    })
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "The configuration files.")
  List<String> files;

  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "CP",
      description =
          "The application's class path: directories and jars, separated by '${sys:path.separator}'.")
  String classpath;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<ConfigFile> configs = new ArrayList<>();
    for (String name : files) {
      try {
        configs.add(ConfigFile.of(name));
      } catch (IllegalArgumentException e) {
        out.println(e.getMessage());
        return 1;
      }
    }
    Snapshot snapshot;
    try {
      snapshot = new Loader(configs).load();
    } catch (LoadException e) {
      for (Problem p : e.problems()) out.println(p);
      return 1;
    }
    if (classpath == null) {
      out.println("ok: " + files.size() + (files.size() == 1 ? " file parses" : " files parse"));
      return 0;
    }
    List<Path> entries =
        Stream.of(classpath.split(File.pathSeparator))
            .filter(s -> !s.isEmpty())
            .map(Path::of)
            .collect(Collectors.toList());
    List<URL> urls = new ArrayList<>();
    for (Path p : entries) urls.add(p.toUri().toURL());
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), CheckCommand.class.getClassLoader())) {
      List<Class<?>> classes = new ArrayList<>();
      List<String> unloadable = new ArrayList<>();
      for (String name : annotatedClasses(entries)) {
        try {
          Class<?> type = Class.forName(name, false, loader);
          type.getDeclaredFields(); // resolves the fields' types: fail here, with a clear message
          classes.add(type);
        } catch (ClassNotFoundException | LinkageError e) {
          unloadable.add(
              "warning: cannot check " + name + ": " + e + " (is the class path complete?)");
        }
      }
      Checker.Report report = Checker.check(snapshot, classes);
      unloadable.forEach(out::println);
      for (String w : report.warnings) out.println("warning: " + w);
      for (Problem p : report.unknownKeys) out.println("warning: binds to no field: " + p);
      for (Problem p : report.problems) out.println(p);
      if (!report.problems.isEmpty()) return 1;
      out.println(
          "ok: "
              + files.size()
              + (files.size() == 1 ? " file, " : " files, ")
              + report.bindings
              + " bound fields in "
              + report.classes
              + " classes");
      return 0;
    }
  }

  /** The classes of the class path whose class files name hotconf's annotations. */
  private static List<String> annotatedClasses(List<Path> entries) throws IOException {
    List<String> names = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file :
              walk.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
            if (Instrumenter.mentionsAnnotations(Files.readAllBytes(file))) {
              names.add(
                  className(entry.relativize(file).toString().replace(File.separatorChar, '/')));
            }
          }
        }
      } else if (Files.isRegularFile(entry)) {
        try (JarFile jar = new JarFile(entry.toFile())) {
          for (JarEntry e : Collections.list(jar.entries())) {
            if (!e.getName().endsWith(".class") || e.getName().startsWith("META-INF/")) continue;
            try (InputStream in = jar.getInputStream(e)) {
              if (Instrumenter.mentionsAnnotations(in.readAllBytes()))
                names.add(className(e.getName()));
            }
          }
        }
      }
    }
    names.removeIf(n -> n.startsWith("dev.hotconf.agent.") || n.endsWith("module-info"));
    return names;
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }
}
