package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent loaded into a JVM that is already running (agentmain). */
class LateAttachIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void staticsOfLoadedClassesAndNewObjectsAreBoundAndReload(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(
        config, "late:\n  value: attached\n  fixed: nope\ni:\n  string: fresh\n  duration: 5s\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(jdk, null, List.of(), "dev.hotconf.it.host.LateHost", state.toString())) {
      Host host = Host.attach(jvm, config, state);
      assertEquals("default", host.state().getProperty("value"));

      VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
      try {
        vm.loadAgent(ForkedJvm.agentJar().toString(), "config=" + config);
      } finally {
        vm.detach();
      }
      Properties s = host.await("value", "attached");
      s = host.await("fresh", "fresh");
      assertEquals("PT5S", s.getProperty("freshInt"));
      assertEquals("default", s.getProperty("early"), "objects made before the attach stay");
      assertEquals("default", s.getProperty("fixed"));
      assertTrue(
          jvm.output()
              .contains(
                  "field dev.hotconf.it.host.LateHost.FIXED is not bound: it is final and"
                      + " its class was loaded before hotconf attached"),
          jvm.output());

      Files.writeString(config, "late:\n  value: reloaded\ni:\n  string: fresher\n");
      jvm.signal("HUP");
      s = host.await("value", "reloaded");
      s = host.await("fresh", "fresher");
      assertEquals("PT9S", s.getProperty("freshInt"), "removed: the initializer's value");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aBadConfigurationLeavesTheRunningJvmAlone(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "late: [\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(jdk, null, List.of(), "dev.hotconf.it.host.LateHost", state.toString())) {
      Host host = Host.attach(jvm, config, state);
      VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
      try {
        vm.loadAgent(ForkedJvm.agentJar().toString(), "config=" + config);
      } catch (com.sun.tools.attach.AgentInitializationException e) {
        // some JDKs report the agent's failure here; the JVM must live on either way
      } finally {
        vm.detach();
      }
      jvm.awaitOutput("hotconf: not attached: cannot start: " + config + ": 2: ", 1);
      host.fresh();
      assertTrue(jvm.isAlive());
    }
  }
}
