package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An OutOfMemoryError inside the agent's constructor hook never reaches the application. */
class OomIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void outOfMemoryInsideAHookLeavesConstructorsAndReloadsWorking(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "item:\n  value: 1\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(
            jdk,
            "config=" + config,
            List.of("-Xmx16m", "-XX:+UseSerialGC"),
            "dev.hotconf.it.host.OomHost",
            state.toString())) {
      Host host = Host.attach(jvm, config, state);
      Properties s = host.await(p -> !"-1".equals(p.getProperty("failedBindings")), "the MBean");
      assertEquals("0", s.getProperty("fromAgent"), "errors thrown out of the agent's hook: " + s);
      assertTrue(
          Long.parseLong(s.getProperty("failedBindings")) > 0,
          "the hook must have run out of memory at least once for this test to mean anything: "
              + s);
      assertEquals("1", s.getProperty("value"), "new objects bind again");
      assertEquals("1", s.getProperty("value5"), "a class whose registration failed binds now");
      host.write("item:\n  value: 2\n");
      jvm.signal("HUP");
      host.await(
          p -> "2".equals(p.getProperty("value")) && "2".equals(p.getProperty("value5")), "2");
      // The warning itself may find no memory to be written in; it is never written twice.
      String out = jvm.output();
      assertTrue(ForkedJvm.count(out, "is left unbound") <= 1, "at most once per class: " + out);
    }
  }
}
