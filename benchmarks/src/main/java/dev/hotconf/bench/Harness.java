package dev.hotconf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the forking harnesses share: arguments, the JDK's launcher, percentiles, verdicts. */
final class Harness {
  private Harness() {}

  /**
   * The arguments of a harness: positional ones in order, {@code --name value} options by name.
   * Options may repeat; {@link #all} returns every value.
   */
  static final class Args {
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    Args(String[] args) {
      for (int i = 0; i < args.length; i++) {
        if (args[i].startsWith("--")) {
          if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
          options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        } else {
          positional.add(args[i]);
        }
      }
    }

    String positional(int i, String usage) {
      if (i >= positional.size()) throw new IllegalArgumentException("usage: " + usage);
      return positional.get(i);
    }

    double number(String name, double fallback) {
      List<String> values = options.get(name);
      return values == null ? fallback : Double.parseDouble(values.get(values.size() - 1));
    }

    int integer(String name, int fallback) {
      List<String> values = options.get(name);
      return values == null ? fallback : Integer.parseInt(values.get(values.size() - 1));
    }

    List<String> all(String name) {
      return options.getOrDefault(name, List.of());
    }
  }

  /** The launcher of the JDK this harness runs on: every fork uses the same JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The class path this harness runs from, for the JVMs it forks. */
  static String classPath() {
    return System.getProperty("java.class.path");
  }

  /** The nearest-rank percentile: p99 of 100 samples is the 99th smallest, never interpolated. */
  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  /**
   * Writes a results file with this machine's directories taken out: the working directory becomes
   * {@code .}, the JDK's home {@code $JAVA_HOME} and the output directory {@code OUT}.
   */
  static void writeResults(Path file, String text) throws IOException {
    Files.writeString(file, scrub(text, file.getParent()));
  }

  static String scrub(String text, Path out) {
    text = text.replace(out.toAbsolutePath().toString(), "OUT");
    text = text.replace(Path.of("").toAbsolutePath().toString(), ".");
    return text.replace(System.getProperty("java.home"), "$JAVA_HOME");
  }
}
