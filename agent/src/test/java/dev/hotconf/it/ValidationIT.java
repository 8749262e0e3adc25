package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bean Validation constraints as the gate of a reload, with Hibernate Validator 8 on the host's
 * class path: a violating value among good ones rejects the whole reload, on static and instance
 * fields, record components with {@code @Valid}, list elements and a custom constraint; at first
 * bind a violating value leaves the default; {@code check} reports the same, offline and live.
 */
class ValidationIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  private static final String HOST = "dev.hotconf.it.host.validation.ValidationHost";

  private static final String GOOD =
      String.join(
          "\n",
          "limits:",
          "  pool-size: 20",
          "name: service",
          "url: https://example.org",
          "port: 8444",
          "db:",
          "  url: jdbc:postgresql://db1/app",
          "  pool:",
          "    size: 10",
          "    timeout: 2s",
          "replicas:",
          "  - {host: r1, weight: 1}",
          "secrets:",
          "  password: a-long-secret",
          "client:",
          "  retries: 5",
          "greeting: hi",
          "");

  private static Host start(Path jdk, Path dir, String yaml, boolean withProvider)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, yaml);
    Path state = dir.resolve("state.properties");
    List<String> command =
        ForkedJvm.withClassPath(
            ForkedJvm.command(jdk, "config=" + config, List.of(), HOST, state.toString()),
            ForkedJvm.validationLibs(withProvider));
    return Host.attach(ForkedJvm.start(command), config, state);
  }

  private static String rejection(Host host, int times) throws Exception {
    host.jvm.signal("HUP");
    String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", times);
    return out.lines().filter(l -> l.contains("reload rejected")).reduce((a, b) -> b).orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aViolationAmongGoodValuesRejectsTheWholeReloadAndNamesEveryOne(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, GOOD, true)) {
      Properties before = host.await("poolSize", "20");
      assertEquals("5", before.getProperty("retries"));
      String bad =
          GOOD.replace("pool-size: 20", "pool-size: 500")
              .replace("greeting: hi", "greeting: changed")
              .replace("port: 8444", "port: 8081")
              .replace("url: jdbc:postgresql://db1/app", "url: ''")
              .replace("size: 10", "size: 0")
              .replace("{host: r1, weight: 1}", "{host: r1, weight: 0}")
              .replace("retries: 5", "retries: -1")
              .replace("password: a-long-secret", "password: short");
      host.write(bad);
      String line = rejection(host, 1);
      Path config = host.config;
      for (String expected :
          List.of(
              config
                  + ": 2: limits.pool-size: must be less than or equal to 100 (field"
                  + " dev.hotconf.it.host.validation.ValidationHost$Settings.poolSize)",
              config + ": 5: port: must be an even port number (field",
              config + ": 7: db.url: must not be blank (field",
              config + ": 9: db.pool.size: must be greater than or equal to 1 (field",
              config + ": 12: replicas[0].weight: must be greater than or equal to 1 (field",
              config + ": 16: client.retries: must be greater than or equal to 0 (field",
              config + ": 14: secrets.password: violates a constraint (the message is hidden")) {
        assertTrue(line.contains(expected), "missing <" + expected + "> in:\n" + line);
      }
      assertFalse(line.contains("short"), "a secret's value never shows: " + line);
      assertTrue(line.endsWith("previous configuration kept (generation 1)"), line);
      Properties after = host.fresh();
      assertEquals("20", after.getProperty("poolSize"));
      assertEquals("hi", after.getProperty("greeting"), "the good change is not applied either");
      assertEquals("5", after.getProperty("retries"));

      host.write(
          GOOD.replace("pool-size: 20", "pool-size: 100").replace("greeting: hi", "greeting: ok"));
      host.jvm.signal("HUP");
      Properties applied = host.await("generation", "2");
      assertEquals("100", applied.getProperty("poolSize"));
      assertEquals("ok", applied.getProperty("greeting"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aViolatingValueAtFirstBindKeepsTheDefaultUntilAReloadFixesIt(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, GOOD.replace("pool-size: 20", "pool-size: 500"), true)) {
      Properties s = host.fresh();
      assertEquals("10", s.getProperty("poolSize"), "the default");
      assertEquals("service", s.getProperty("name"), "the other fields bind");
      assertTrue(
          host.jvm
              .output()
              .contains(
                  host.config
                      + ": 2: limits.pool-size: must be less than or equal to 100 (field"
                      + " dev.hotconf.it.host.validation.ValidationHost$Settings.poolSize);"
                      + " the field keeps its default until a reload fixes the value"),
          host.jvm.output());
      host.write(GOOD.replace("pool-size: 20", "pool-size: 50"));
      host.jvm.signal("HUP");
      assertEquals("50", host.await("generation", "2").getProperty("poolSize"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void checkReportsTheSameViolationsOfflineAndInsideTheJvm(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, GOOD, true)) {
      Path candidate = dir.resolve("candidate.yaml");
      Files.writeString(candidate, GOOD.replace("pool-size: 20", "pool-size: 500"));
      Cli live = Cli.run("check", "--pid", host.jvm.pid(), candidate);
      assertEquals(1, live.status, live.toString());
      assertTrue(
          live.out.contains(
              candidate
                  + ": 2: limits.pool-size: must be less than or equal to 100 (field"
                  + " dev.hotconf.it.host.validation.ValidationHost$Settings.poolSize)"),
          live.toString());
      assertTrue(live.out.contains("would change: limits.pool-size: 20 → 500"), live.toString());
      assertEquals("20", host.fresh().getProperty("poolSize"), "check applies nothing");

      List<String> classPath = new ArrayList<>();
      for (String entry : ForkedJvm.hostClassPath().split(File.pathSeparator)) classPath.add(entry);
      for (Path jar : ForkedJvm.validationLibs(true)) classPath.add(jar.toString());
      Cli offline =
          Cli.run("check", candidate, "--classpath", String.join(File.pathSeparator, classPath));
      assertEquals(1, offline.status, offline.toString());
      assertTrue(
          offline.out.contains(
              candidate + ": 2: limits.pool-size: must be less than or equal to 100 (field"),
          offline.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void withoutAValidatorConstraintsAreIgnoredAndSaidSoOnce(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, GOOD.replace("pool-size: 20", "pool-size: 500"), false)) {
      assertEquals("500", host.fresh().getProperty("poolSize"), "bound unchecked");
      String out = host.jvm.output();
      assertEquals(1, ForkedJvm.count(out, "constraints on bound fields"), "said once: " + out);
      assertTrue(out.contains("are ignored: no Jakarta Bean Validation provider"), out);
    }
  }
}
