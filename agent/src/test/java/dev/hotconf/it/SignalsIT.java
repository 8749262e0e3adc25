package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JVM setups where signals do not simply work: nohup and -Xrs. */
class SignalsIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  private static List<String> command(Path jdk, Path config, Path state, String... jvmArgs) {
    return new java.util.ArrayList<>(
        ForkedJvm.command(
            jdk,
            "config=" + config,
            List.of(jvmArgs),
            "dev.hotconf.it.host.TypesHost",
            state.toString()));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void underNohupKillHupReloadsAnyway(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    Path state = dir.resolve("state.properties");
    List<String> command = command(jdk, config, state);
    command.add(0, "nohup");
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      // Taken back on the start thread (it takes jnr, off the start-up path): the log says when.
      jvm.awaitOutput("SIGHUP was ignored when this JVM started (nohup?); hotconf handles it", 1);
      Files.writeString(config, "s:\n  string: two\n");
      jvm.signal("HUP");
      java.util.Properties after = host.await("callback.generation", "2");
      assertEquals("two", after.getProperty("s.string"));
      assertEquals("SIGHUP", after.getProperty("callback.cause"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void underNohupASignalHotconfWasNotAskedToHandleStaysIgnored(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    Path state = dir.resolve("state.properties");
    List<String> command = command(jdk, config, state);
    command.set(1, command.get(1) + ",signals=USR1");
    command.add(0, "nohup");
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      jvm.signal("HUP");
      Files.writeString(config, "s:\n  string: two\n");
      jvm.signal("USR1");
      assertEquals("SIGUSR1", host.await("callback.generation", "2").getProperty("callback.cause"));
      assertTrue(jvm.isAlive(), "the ignored SIGHUP did not end the JVM");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void underXrsOneWarningSaysNoSignalCanReload(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm = ForkedJvm.start(command(jdk, config, state, "-Xrs"))) {
      Host host = Host.attach(jvm, config, state);
      assertEquals("one", host.state().getProperty("s.string"), "binding works under -Xrs");
      String out = jvm.output();
      assertTrue(
          out.contains(
              "this JVM runs with -Xrs: no Java signal handler ever runs, so no signal can reload"
                  + " the configuration, and kill -HUP terminates the JVM; reload with watch=true"
                  + " or the MBean's reload() (jconsole), or start the JVM without -Xrs"),
          out);
      assertEquals(1, ForkedJvm.count(out, "WARNING"), "one warning: " + out);
    }
  }
}
