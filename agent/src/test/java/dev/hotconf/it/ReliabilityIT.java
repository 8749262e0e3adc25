package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Faults in callbacks, application classes and signals: the application stays up and right. */
class ReliabilityIT {
  static final String HOST = "dev.hotconf.it.host.FaultHost";

  static List<Path> jdks() {
    return Jdks.all();
  }

  private static Host start(Path jdk, Path dir, String options, String... jvmArgs)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "fault:\n  value: start\n");
    return Host.start(HOST, jdk, dir, config, options, jvmArgs);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aThrowingCallbackIsLoggedTheOthersRunAndTheReloadStays(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, "")) {
      host.write("fault:\n  value: throw\n");
      host.jvm.signal("HUP");
      host.await("others", "1");
      String out = host.jvm.awaitOutput("reload applied (SIGHUP): generation 2", 1);
      assertTrue(
          out.contains(
              "@OnReload method dev.hotconf.it.host.FaultHost.a_throws threw; the reload"
                  + " stays applied, other callbacks ran"),
          out);
      assertTrue(out.contains("java.lang.IllegalStateException: boom from a callback"), out);
      assertTrue(out.contains("at dev.hotconf.it.host.FaultHost.a_throws"), "with its stack trace");
      assertEquals("throw", host.state().getProperty("value"));

      host.write("fault:\n  value: next\n");
      host.jvm.signal("HUP");
      host.await("others", "2");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aBlockingCallbackIsWarnedAboutAndLaterReloadsAreNotLost(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, "callback-timeout=300ms")) {
      host.write("fault:\n  value: block\n");
      host.jvm.signal("HUP");
      host.jvm.awaitOutput(
          "@OnReload method dev.hotconf.it.host.FaultHost.b_blocks of generation 2 still runs after"
              + " 300 ms; the reload is applied, and later reloads go on without waiting for it",
          1);
      host.write("fault:\n  value: after\n");
      host.jvm.signal("HUP");
      host.await("value", "after");
      host.jvm.awaitOutput("reload applied (SIGHUP): generation 3", 1);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void anEnumThatFailsToInitializeRejectsTheReloadAndTheNextOneWorks(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, "", "-Dflaky.fail=true")) {
      host.write("fault:\n  value: flaky\n  flaky: on\n");
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(out.contains("fault.flaky: cannot convert: "), out);
      assertTrue(out.contains("previous configuration kept (generation 1)"), out);
      assertEquals("start", host.fresh().getProperty("value"));

      host.write("fault:\n  value: recovered\n");
      host.jvm.signal("HUP");
      host.await("value", "recovered");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aStormOf10000SignalsLeavesTheApplicationUpWithTheLastFile(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, "")) {
      host.write("fault:\n  value: storm\n");
      Process storm =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "for i in $(seq 10000); do kill -HUP " + host.jvm.pid() + " || exit 1; done")
              .inheritIO()
              .start();
      assertEquals(0, storm.waitFor(), "every signal was delivered to a live process");
      host.await("value", "storm");
      host.write("fault:\n  value: calm\n");
      host.jvm.signal("USR1");
      host.await("value", "calm");
      assertTrue(host.jvm.isAlive());
      assertFalse(host.jvm.output().contains("Exception"), host.jvm.output());
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void signalsDuringShutdownNeitherHangNorThrow(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "")) {
      Process storm =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "kill -TERM "
                      + host.jvm.pid()
                      + "; for i in $(seq 2000); do kill -HUP "
                      + host.jvm.pid()
                      + " 2>/dev/null || exit 0; done")
              .start();
      storm.waitFor();
      int status = host.jvm.awaitExit();
      assertEquals(143, status, "ended by SIGTERM, as without the agent: " + host.jvm.output());
      assertFalse(host.jvm.output().contains("Exception"), host.jvm.output());
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void signalsDuringStartUpNeitherHangNorThrow(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "fault:\n  value: start\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(jdk, "config=" + config, List.of(), HOST, state.toString())) {
      Process storm =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "for i in $(seq 3000); do kill -USR1 "
                      + jvm.pid()
                      + " 2>/dev/null || exit 0; done")
              .start();
      storm.waitFor();
      // Before the agent has installed its handler the JVM's own rule applies (SIGUSR1 ends it,
      // with 138); once installed, every signal is a reload request. Either way: no hang, no
      // exception. A JVM that took a signal too early may still be shutting down: wait for
      // either outcome rather than look once.
      jvm.awaitOutput(o -> o.contains("READY") || !jvm.isAlive(), "READY or the end");
      if (jvm.output().contains("READY")) {
        Host host = Host.attach(jvm, config, state);
        Files.writeString(config, "fault:\n  value: after\n");
        jvm.signal("HUP");
        host.await("value", "after");
      } else {
        assertEquals(138, jvm.awaitExit(), jvm.output());
      }
      assertFalse(jvm.output().contains("Exception"), jvm.output());
    }
  }
}
