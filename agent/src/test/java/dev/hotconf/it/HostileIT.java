package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile configuration files against a running application (heap capped at 256 MB): each is
 * rejected with a clear message, the previous configuration stays, and the process stays healthy.
 * Prints how long each rejection took.
 */
class HostileIT {
  /** One hostile file: what to write, and what the rejection must say. */
  record Case(String name, byte[] content, String says) {
    static Case of(String name, String content, String says) {
      return new Case(name, content.getBytes(StandardCharsets.UTF_8), says);
    }
  }

  static List<Path> jdks() {
    return Jdks.all();
  }

  static List<Case> yamlCases() {
    StringBuilder bomb =
        new StringBuilder("s:\n  string: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++)
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      bomb.append("]\n");
    }
    List<Case> cases = new ArrayList<>();
    cases.add(Case.of("alias bomb", bomb.toString(), "alias"));
    cases.add(
        Case.of(
            "10,000-deep nesting",
            "a: " + "[".repeat(10_000) + "]".repeat(10_000),
            "Nesting Depth exceeded max 100"));
    cases.add(
        Case.of(
            "global tag",
            "s:\n  string: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n",
            "Global tag is not allowed"));
    cases.add(Case.of("recursive keys", "&k [*k]: 1\n", "a key must be a plain scalar"));
    cases.add(Case.of("recursive value", "a: &a\n  - *a\n", "recursive structure"));
    cases.add(
        Case.of(
            "duplicate keys",
            "s:\n  string: a\n  string: b\n",
            "duplicate key 'string' (first at line 2)"));
    cases.add(
        new Case(
            "invalid UTF-8",
            new byte[] {'s', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'},
            "is not valid UTF-8"));
    cases.add(Case.of("empty file", "", "is empty"));
    return cases;
  }

  static List<Case> hoconCases() {
    StringBuilder doubling = new StringBuilder("l0 = [1, 2]\n");
    for (int i = 1; i <= 20; i++) {
      doubling
          .append("l")
          .append(i)
          .append(" = ${l")
          .append(i - 1)
          .append("} ${l")
          .append(i - 1)
          .append("}\n");
    }
    List<Case> cases = new ArrayList<>();
    cases.add(Case.of("include url", "include url(\"http://127.0.0.1:9/x.conf\")\n", "is refused"));
    cases.add(Case.of("include classpath", "include classpath(\"x.conf\")\n", "is refused"));
    cases.add(Case.of("include file outside", "include file(\"/etc/hostname\")\n", "is outside"));
    cases.add(Case.of("cyclic include", "include \"app.conf\"\n", "include"));
    cases.add(Case.of("unresolved substitution", "s.string = ${nowhere}\n", "nowhere"));
    cases.add(Case.of("list doubled 20 times", doubling.toString(), ""));
    cases.add(Case.of("10,000-deep [", "a = " + "[".repeat(10_000), ""));
    return cases;
  }

  private static void run(Path jdk, Path dir, String file, String good, List<Case> cases)
      throws Exception {
    Path config = dir.resolve(file);
    Files.writeString(config, good);
    try (Host host = Host.start(jdk, dir, config, "parse-timeout=5s", "-Xmx256m")) {
      int rejected = 0;
      for (Case c : cases) {
        Files.write(config, c.content());
        long start = System.nanoTime();
        host.jvm.signal("HUP");
        String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", ++rejected);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String line =
            out.lines()
                .filter(l -> l.contains("reload rejected"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(line.contains(c.says()), c.name() + ": " + line);
        assertTrue(line.contains("previous configuration kept (generation 1)"), line);
        assertEquals("base", host.fresh().getProperty("s.string"), c.name());
        System.out.printf(
            "hostile %-26s rejected in %5d ms on %s%n", c.name(), millis, jdk.getFileName());
      }
      Files.writeString(config, good.replace("base", "healthy"));
      host.jvm.signal("HUP");
      host.await("s.string", "healthy");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void hostileYamlIsRejectedAndTheApplicationStaysHealthy(Path jdk, @TempDir Path dir)
      throws Exception {
    run(jdk, dir, "app.yaml", "s:\n  string: base\n", yamlCases());
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void hostileHoconIsRejectedAndTheApplicationStaysHealthy(Path jdk, @TempDir Path dir)
      throws Exception {
    run(jdk, dir, "app.conf", "s.string = base\n", hoconCases());
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aHundredMegabyteFileIsRefusedUnread(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: base\n");
    try (Host host = Host.start(jdk, dir, config, "", "-Xmx128m")) {
      try (OutputStream out = Files.newOutputStream(config)) {
        byte[] line =
            "k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100 * 1024 * 1024 / line.length; i++) out.write(line);
      }
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(out.contains("over the limit of 16777216 bytes"), out);
      assertEquals("base", host.fresh().getProperty("s.string"));
    }
  }
}
