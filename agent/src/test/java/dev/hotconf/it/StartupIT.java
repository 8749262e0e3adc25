package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Start-up as nginx does it: a bad configuration or bad options stop the JVM with one message. */
class StartupIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  private static String failToStart(Path jdk, Path dir, String options) throws Exception {
    try (ForkedJvm jvm =
        ForkedJvm.start(
            jdk,
            options,
            List.of(),
            "dev.hotconf.it.host.TypesHost",
            dir.resolve("state.properties").toString())) {
      assertEquals(1, jvm.awaitExit(), jvm.output());
      String out = jvm.output();
      assertFalse(out.contains("READY"), "the application must not start: " + out);
      assertEquals(1, ForkedJvm.count(out, "hotconf: "), "one message: " + out);
      return out;
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void brokenConfigurationStopsTheJvmNamingFileAndLine(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: hello\n  int: [1\n");
    String out = failToStart(jdk, dir, "config=" + config);
    assertTrue(out.contains("hotconf: cannot start: " + config + ": 4: "), out);
    assertTrue(out.contains("on-error=warn"), "names the way out: " + out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void missingFileStopsTheJvm(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("nowhere.yaml");
    String out = failToStart(jdk, dir, "config=" + config);
    assertTrue(out.contains(config + ": cannot read: no such file"), out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void wrongOptionsNameTheOptionAndTheAcceptedValues(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s.string: x\n");
    String out = failToStart(jdk, dir, "config=" + config + ",colour=blue");
    assertTrue(
        out.contains("unknown agent option 'colour'; accepted options: config, signals, on-error"),
        out);
    out = failToStart(jdk, dir, "config=" + config + ",signals=HUP:TERM");
    assertTrue(out.contains("'TERM' is not a reload signal; accepted: HUP, USR1"), out);
    out = failToStart(jdk, dir, "");
    assertTrue(out.contains("no configuration file: add config=PATH"), out);
    out = failToStart(jdk, dir, "config=app.toml");
    assertTrue(out.contains("cannot tell the format of 'app.toml'"), out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void onErrorWarnStartsWithDefaultsAndAFixedFileAppliesOnReload(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s: [broken\n");
    try (Host host = Host.start(jdk, dir, config, "on-error=warn")) {
      assertTrue(host.jvm.output().contains("starting with every field at its default"));
      assertEquals("default", host.state().getProperty("s.string"));
      host.write("s:\n  string: repaired\n");
      host.jvm.signal("HUP");
      assertEquals("repaired", host.await("callback.generation", "2").getProperty("s.string"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aValueThatDoesNotConvertAtClassLoadKeepsTheDefaultAndSaysSo(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: loaded\n  int: forty-two\n");
    try (Host host = Host.start(jdk, dir, config, "")) {
      Properties s = host.state();
      assertEquals("1", s.getProperty("s.anInt"), "keeps its default");
      assertEquals("loaded", s.getProperty("s.string"), "the other fields still bind");
      assertTrue(
          host.jvm
              .output()
              .contains(
                  config
                      + ": 3: s.int: expected int, got 'forty-two' (field"
                      + " dev.hotconf.it.host.TypesHost.anInt)"),
          host.jvm.output());
      host.write("s:\n  string: loaded\n  int: 42\n");
      host.jvm.signal("HUP");
      assertEquals("42", host.await("callback.generation", "2").getProperty("s.anInt"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void startUpLeavesJavaUtilLoggingToTheApplication(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: x\n");
    try (Host host = Host.start(jdk, dir, config, "", "-Xlog:class+load=info")) {
      String beforeMain = host.jvm.output().split("READY")[0];
      assertTrue(beforeMain.contains("dev.hotconf.agent.HotconfAgent"), "class loading is logged");
      assertFalse(
          beforeMain.contains("java.util.logging.LogManager "),
          "an application may still pick its logging backend in main");
    }
  }
}
