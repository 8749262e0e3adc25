package dev.hotconf.bench;

import dev.hotconf.agent.internal.bind.Instrumenter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.context.ApplicationContext;

/**
 * What the agent's class file transformer costs a class that has no {@code @Reloadable} field — the
 * price every class the application loads pays. One operation hands one real class file (from the
 * jar that holds Spring's {@code ApplicationContext}: a shaded jar of many libraries, or
 * spring-context itself) to the transformer as the JVM would, with the application class loader;
 * the classes are cycled through, so that the files do not all stay in the processor's caches.
 *
 * <p>The JVM hands each transformer a fresh copy of the class file it has just read (JPLIS copies
 * it into a new {@code byte[]} per call), so the bytes a transformer looks at are as warm as that
 * copy leaves them. Two ways to measure it, both reported:
 *
 * <ul>
 *   <li>{@link #jvmCopy} is that copy alone and {@link #transformPlainClass} the copy and the
 *       transformer: the transformer's cost is the difference. Cycling through thousands of class
 *       files, the copy's source is cold, and so, partly, is what the transformer reads.
 *   <li>{@link #transformFreshCopy} times the transformer alone on a copy made just before, outside
 *       the measurement ({@code Level.Invocation}), as the JVM leaves it; JMH's two time stamps per
 *       call (some tens of nanoseconds) are included, so the figure errs high.
 * </ul>
 *
 * <p>Needs the agent jar on the class path (the runner's {@code -javaagent} appends it to the
 * forked JVMs' class path; run directly, put it beside benchmarks.jar).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransformerBenchmark {
  /** How many class files to cycle through, taken evenly from the whole jar. */
  @Param("4000")
  public int classes;

  private Instrumenter instrumenter;
  private ClassLoader loader;
  private String[] names;
  private byte[][] bytes;
  private int next;

  @Setup
  public void load() throws Exception {
    Path jar =
        Path.of(
            ApplicationContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> candidates = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<JarEntry> entries = new ArrayList<>();
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (isCandidate(entry.getName())) entries.add(entry);
      }
      if (entries.size() < classes) {
        throw new IllegalStateException(
            "only " + entries.size() + " class files in " + jar.getFileName());
      }
      double step = entries.size() / (double) classes;
      for (int i = 0; i < classes; i++) {
        JarEntry entry = entries.get((int) (i * step));
        String name = entry.getName();
        candidates.add(name.substring(0, name.length() - ".class".length()));
        contents.add(read(file, entry));
      }
    }
    names = candidates.toArray(new String[0]);
    bytes = contents.toArray(new byte[0][]);
    long total = 0;
    for (byte[] b : bytes) total += b.length;
    // The cost scales with a class file's size: say what was fed.
    System.out.printf(
        Locale.ROOT,
        "%d class files from %s, %.1f KB on average%n",
        names.length,
        jar.getFileName(),
        total / 1024.0 / names.length);
    loader = ClassLoader.getSystemClassLoader();
    instrumenter = new Instrumenter(null);
    // Every class must take the path measured here: looked at, and left alone.
    for (int i = 0; i < names.length; i++) {
      if (instrumenter.transform(null, loader, names[i], null, null, bytes[i]) != null) {
        throw new IllegalStateException(names[i] + " was rewritten: it is not a plain class");
      }
    }
  }

  /**
   * Class files of libraries only: no module or multi-release versions, none of the JDK's packages
   * (the transformer dismisses those by name, cheaply, and they are not what is measured), none of
   * hotconf's (some hold the annotations).
   */
  private static boolean isCandidate(String name) {
    return name.endsWith(".class")
        && !name.endsWith("module-info.class")
        && !name.endsWith("package-info.class")
        && !name.startsWith("META-INF/")
        && !name.startsWith("java/")
        && !name.startsWith("jdk/")
        && !name.startsWith("sun/")
        && !name.startsWith("com/sun/")
        && !name.startsWith("dev/hotconf/");
  }

  private static byte[] read(JarFile file, JarEntry entry) throws IOException {
    try (InputStream in = file.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** One class file, copied just before the call as the JVM does; the copy is not timed. */
  @State(Scope.Thread)
  public static class FreshCopy {
    String name;
    byte[] copy;

    @Setup(Level.Invocation)
    public void copy(TransformerBenchmark files) {
      int i = files.next;
      files.next = i + 1 == files.names.length ? 0 : i + 1;
      name = files.names[i];
      copy = files.bytes[i].clone();
    }
  }

  /** The transformer alone, on a class file the JVM has just copied. */
  @Benchmark
  public byte[] transformFreshCopy(FreshCopy file) {
    return instrumenter.transform(null, loader, file.name, null, null, file.copy);
  }

  /** What the JVM does before any transformer runs: a fresh copy of the class file. */
  @Benchmark
  public byte[] jvmCopy() {
    int i = next;
    next = i + 1 == names.length ? 0 : i + 1;
    return bytes[i].clone();
  }

  /** The same copy, then the transformer, which leaves the class alone (returns null). */
  @Benchmark
  public byte[] transformPlainClass() {
    int i = next;
    next = i + 1 == names.length ? 0 : i + 1;
    byte[] copy = bytes[i].clone();
    byte[] rewritten = instrumenter.transform(null, loader, names[i], null, null, copy);
    return rewritten == null ? copy : rewritten;
  }
}
