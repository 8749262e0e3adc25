package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operating the agent as an operator does: the command line against real forked JVMs, the MBean
 * behind it, file watching, the pidfile and verbose outcome lines.
 */
class OperationsIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  private static Host start(Path jdk, Path dir, String yaml, String options) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, yaml);
    return Host.start(jdk, dir, config, options);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void reloadPrintsTheOutcomeOfThatReloadWithItsExitStatus(Path jdk, @TempDir Path dir)
      throws Exception {
    Path pidfile = dir.resolve("app.pid");
    try (Host host = start(jdk, dir, "s:\n  string: one\n", "pidfile=" + pidfile)) {
      assertEquals(Long.toString(host.jvm.pid()), Files.readString(pidfile).trim());

      host.write("s:\n  string: two\n  int: 5\n");
      Cli applied = Cli.run("reload", host.jvm.pid());
      assertEquals(0, applied.status, applied.toString());
      assertTrue(
          applied.out.matches(
              "applied: generation 2 "
                  + ForkedJvm.SHORT_HASH
                  + ", 2 keys changed \\(s.int, s.string\\) in [\\d.]+ ms\\n"),
          applied.toString());

      host.write("s:\n  string: three\n  int: five\n");
      Cli rejected = Cli.run("reload", "--pidfile", pidfile);
      assertEquals(1, rejected.status, rejected.toString());
      assertTrue(
          rejected.out.startsWith(
              "rejected: " + host.config + ": 3: s.int: expected int, got 'five' (field"),
          rejected.toString());
      assertTrue(
          rejected.out.endsWith("previous configuration kept (generation 2)\n"),
          rejected.toString());
      assertEquals("two", host.fresh().getProperty("s.string"));

      Cli status = Cli.run("status", host.jvm.pid());
      assertEquals(0, status.status, status.toString());
      assertTrue(status.out.contains("generation:      2 (applied "), status.out);
      assertTrue(
          status.out.contains("reloads:         1 applied, 1 rejected, 0 unchanged\n"), status.out);
      assertTrue(status.out.contains("last error:      rejected: "), status.out);
      assertTrue(status.out.contains("config files:    " + host.config + "\n"), status.out);
      assertTrue(status.out.contains("triggers:        SIGHUP, SIGUSR1, jmx\n"), status.out);
      assertTrue(status.out.contains("live instances:  1\n"), status.out);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theMBeanReloadsAndReportsAsJconsoleSeesIt(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: one\n", "")) {
      com.sun.tools.attach.VirtualMachine vm =
          com.sun.tools.attach.VirtualMachine.attach(Long.toString(host.jvm.pid()));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      try (javax.management.remote.JMXConnector connector =
          javax.management.remote.JMXConnectorFactory.connect(
              new javax.management.remote.JMXServiceURL(address))) {
        javax.management.MBeanServerConnection server = connector.getMBeanServerConnection();
        javax.management.ObjectName name =
            new javax.management.ObjectName("dev.hotconf:type=Reloader");
        long deadline = System.nanoTime() + ForkedJvm.DEADLINE.toNanos();
        while (!server.isRegistered(name) && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(1L, server.getAttribute(name, "Generation"));
        host.write("s:\n  string: two\n");
        Object outcome = server.invoke(name, "reload", new Object[0], new String[0]);
        assertTrue(
            String.valueOf(outcome)
                .matches(
                    "applied: generation 2 "
                        + ForkedJvm.SHORT_HASH
                        + ", 1 key changed \\(s.string\\).*"),
            String.valueOf(outcome));
        assertEquals("jmx", host.await("callback.generation", "2").getProperty("callback.cause"));
        assertEquals(2L, server.getAttribute(name, "Generation"));
        assertEquals(1L, server.getAttribute(name, "ReloadsApplied"));
      }
    }
  }

  @Test
  void reloadSaysClearlyWhenThereIsNothingToReload(@TempDir Path dir) throws Exception {
    Cli none = Cli.run("reload", 2_000_000_000L);
    assertEquals(2, none.status, none.toString());
    assertEquals("hotconf: no process with pid 2000000000\n", none.err);

    Cli noPidfile = Cli.run("reload", "--pidfile", dir.resolve("missing.pid"));
    assertEquals(2, noPidfile.status, noPidfile.toString());
    assertTrue(noPidfile.err.contains("no such pidfile"), noPidfile.toString());

    Path state = dir.resolve("state.properties");
    try (ForkedJvm plain =
        ForkedJvm.start(
            Path.of(System.getProperty("java.home")),
            null,
            List.of(),
            "dev.hotconf.it.host.LateHost",
            state.toString())) {
      plain.awaitOutput("READY", 1);
      Cli noAgent = Cli.run("status", plain.pid());
      assertEquals(2, noAgent.status, noAgent.toString());
      assertTrue(noAgent.err.contains("runs no hotconf agent"), noAgent.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void reloadTimesOutWhenTheSignalDoesNotReachTheAgent(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    Path state = dir.resolve("state.properties");
    List<String> command =
        new java.util.ArrayList<>(
            ForkedJvm.command(
                jdk,
                "config=" + config + ",signals=USR1",
                List.of(),
                "dev.hotconf.it.host.TypesHost",
                state.toString()));
    command.add(0, "nohup");
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host.attach(jvm, config, state);
      // nohup ignores SIGHUP, and the agent was told to handle USR1 only: no reload happens.
      Cli timeout = Cli.run("reload", "--timeout", "1", jvm.pid());
      assertEquals(2, timeout.status, timeout.toString());
      assertTrue(
          timeout.err.startsWith("hotconf: timeout: no reload outcome within 1 s"), timeout.err);
      Cli usr1 = Cli.run("reload", "--signal", "USR1", jvm.pid());
      assertEquals(0, usr1.status, usr1.toString());
    }
  }

  @Test
  void checkFindsEveryProblemWithoutRunningTheApplication(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "s:\n  string: x\n  int: 5\ni:\n  duration: 2s\n");
    Cli parses = Cli.run("check", good);
    assertEquals(0, parses.status, parses.toString());
    assertTrue(
        parses.out.matches("candidate: sha256:[0-9a-f]{64}\nok: 1 file parses\n"), parses.out);

    String classpath = ForkedJvm.hostClassPath();
    Cli ok = Cli.run("check", good, "--classpath", classpath);
    assertEquals(0, ok.status, ok.toString());
    assertTrue(
        ok.out.matches("(?s).*\nok: 1 file, [1-9]\\d* bound fields? in [1-9]\\d* class(es)?\n"),
        ok.out);
    assertFalse(ok.out.contains("s.int"), "no problem with s.int: " + ok.out);

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "s:\n  int: many\n  strng: x\ni:\n  duration: forever\n");
    Cli problems = Cli.run("check", bad, "--classpath", classpath);
    assertEquals(1, problems.status, problems.toString());
    assertTrue(
        problems.out.contains(
            bad
                + ": 2: s.int: expected int, got 'many' (field dev.hotconf.it.host.TypesHost.anInt)"),
        problems.out);
    assertTrue(
        problems.out.contains(bad + ": 5: i.duration: expected Duration, got 'forever'"),
        problems.out);
    assertTrue(
        problems.out.contains(
            "warning: binds to no field: " + bad + ": 3: s.strng (did you mean s.string?)"),
        problems.out);

    Path broken = dir.resolve("broken.conf");
    Files.writeString(broken, "a = {\n");
    Cli syntax = Cli.run("check", good, broken);
    assertEquals(1, syntax.status, syntax.toString());
    assertTrue(syntax.out.startsWith(broken + ": "), syntax.out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reload", "check", "status", "attach"})
  void everyCommandHasHelp(String command) throws Exception {
    Cli help = Cli.run(command, "--help");
    assertEquals(0, help.status, help.toString());
    assertTrue(help.out.startsWith("Usage: java -jar hotconf-agent.jar " + command), help.out);
    assertTrue(help.out.contains("Exit status: "), help.out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void attachLoadsTheAgentIntoARunningJvm(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "late:\n  value: attached\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(jdk, null, List.of(), "dev.hotconf.it.host.LateHost", state.toString())) {
      Host host = Host.attach(jvm, config, state);
      Cli attach = Cli.run("attach", jvm.pid(), "config=" + config);
      assertEquals(0, attach.status, attach.toString());
      assertTrue(
          attach.out.startsWith("attached to process " + jvm.pid() + ": generation 1, "),
          attach.out);
      host.await("value", "attached");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void watchReloadsOnEditorRenamesAndRetriesARejectedFile(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: one\n", "watch=true")) {
      // An editor's save: write a temporary file, rename it over the old one.
      Path tmp = dir.resolve(".app.yaml.swp");
      Files.writeString(tmp, "s:\n  string: two\n");
      Files.move(
          tmp, host.config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Properties s = host.await("callback.generation", "2");
      assertEquals("two", s.getProperty("s.string"));
      assertEquals("file-watch", s.getProperty("callback.cause"));

      host.write("s:\n  string: three\n  int: x\n");
      host.jvm.awaitOutput("reload rejected (file-watch)", 1);
      host.write("s:\n  string: three\n  int: 3\n");
      assertEquals("three", host.await("callback.generation", "3").getProperty("s.string"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void watchFollowsAConfigMapSymlinkSwap(Path jdk, @TempDir Path dir) throws Exception {
    // The layout kubelet gives a ConfigMap volume: app.yaml -> ..data/app.yaml, ..data -> ..v1
    Path v1 = Files.createDirectory(dir.resolve("..v1"));
    Files.writeString(v1.resolve("app.yaml"), "s:\n  string: v1\n");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path config = dir.resolve("app.yaml");
    Files.createSymbolicLink(config, Path.of("..data/app.yaml"));
    try (Host host = Host.start(jdk, dir, config, "watch=true")) {
      assertEquals("v1", host.state().getProperty("s.string"));
      Path v2 = Files.createDirectory(dir.resolve("..v2"));
      Files.writeString(v2.resolve("app.yaml"), "s:\n  string: v2\n");
      Path tmpLink = Files.createSymbolicLink(dir.resolve("..data_tmp"), v2.getFileName());
      Files.move(
          tmpLink,
          dir.resolve("..data"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Properties s = host.await("callback.generation", "2");
      assertEquals("v2", s.getProperty("s.string"));
      assertEquals("file-watch", s.getProperty("callback.cause"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void verboseShowsOldAndNewValuesButNeverSecrets(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host =
        start(jdk, dir, "s:\n  string: one\ndb:\n  password: hunter2\n", "verbose=true")) {
      host.write("s:\n  string: two\ndb:\n  password: swordfish\n");
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload applied (SIGHUP)", 1);
      assertTrue(out.contains(": db.password: **** → ****; s.string: one → two"), out);
      assertFalse(out.contains("hunter2") || out.contains("swordfish"), out);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void thePidfileIsRemovedWhenTheJvmExits(Path jdk, @TempDir Path dir) throws Exception {
    Path pidfile = dir.resolve("run/app.pid");
    Files.createDirectories(pidfile.getParent());
    try (Host host = start(jdk, dir, "s:\n  string: one\n", "pidfile=" + pidfile)) {
      assertEquals(Long.toString(host.jvm.pid()), Files.readString(pidfile).trim());
      host.jvm.signal("TERM");
      host.jvm.awaitExit();
      assertFalse(Files.exists(pidfile), "removed at exit");
    }
  }
}
