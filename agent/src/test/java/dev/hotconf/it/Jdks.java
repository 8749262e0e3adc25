package dev.hotconf.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JDKs the integration tests fork: the one running the tests and every JDK installed beside it
 * (a sibling directory of {@code java.home} with {@code bin/java} and a {@code release} file), or
 * exactly those listed in {@code -Dhotconf.test.jdks=HOME:HOME}.
 */
public final class Jdks {
  private Jdks() {}

  /** Each JDK's home, one per distinct {@code bin/java}. */
  public static List<Path> all() {
    String listed = System.getProperty("hotconf.test.jdks", "");
    List<Path> candidates = new ArrayList<>();
    if (!listed.isBlank()) {
      for (String home : listed.split(java.io.File.pathSeparator)) candidates.add(Path.of(home));
    } else {
      Path home = Path.of(System.getProperty("java.home"));
      candidates.add(home);
      Path parent = home.getParent();
      if (parent != null) {
        try (Stream<Path> siblings = Files.list(parent)) {
          siblings.sorted().forEach(candidates::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    Map<Path, Path> byJava = new LinkedHashMap<>();
    for (Path home : candidates) {
      Path java = home.resolve("bin/java");
      if (!Files.isExecutable(java) || !Files.isRegularFile(home.resolve("release"))) continue;
      if (feature(home) < 17) continue;
      try {
        byJava.putIfAbsent(java.toRealPath(), home);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(byJava.values());
  }

  /** The feature release of the JDK at {@code home}, from its {@code release} file. */
  static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String first = v.split("[.+-]")[0];
          return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
