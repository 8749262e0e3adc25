package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the agent lets in and out: sockets, secrets, who may reload. */
class SecurityIT {
  static final String SECRET = "hunter2-s3cr3t";

  static List<Path> jdks() {
    return Jdks.all();
  }

  /** The inodes of the sockets a process holds open. */
  private static Set<String> socketInodes(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    return inodes;
  }

  /** Listening TCP sockets and bound UDP sockets of /proc/net, as "file: line". */
  private static List<String> listening(Set<String> inodes) throws IOException {
    List<String> found = new java.util.ArrayList<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      Path file = Path.of("/proc/net", table);
      if (!Files.exists(file)) continue;
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        boolean open = table.startsWith("udp") || f[3].equals("0A"); // 0A: LISTEN
        if (open && inodes.contains(f[9])) found.add(table + ": " + line.trim());
      }
    }
    Path unix = Path.of("/proc/net/unix");
    for (String line : Files.readAllLines(unix)) {
      String[] f = line.trim().split("\\s+");
      // Flags 00010000: the socket accepts connections.
      if (f.length > 6 && f[3].equals("00010000") && inodes.contains(f[6]))
        found.add("unix: " + line);
    }
    return found;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theAgentOpensNoListeningSocket(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    try (Host host = Host.start(jdk, dir, config, "watch=true")) {
      host.write("s:\n  string: two\n");
      host.jvm.signal("HUP");
      host.await("callback.generation", "2");
      Set<String> inodes = socketInodes(host.jvm.pid());
      assertEquals(List.of(), listening(inodes), "sockets held: " + inodes);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void secretsAppearNeitherInLogsNorInTheMBeanNorInCheck(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "db:\n  password: " + SECRET + "\n");
    try (Host host = Host.start(jdk, dir, config, "verbose=true")) {
      // A secret that does not convert, one that changes, and one in an unknown key.
      host.write(
          "db:\n  password: x" + SECRET + "\n  token: " + SECRET + "\n  tokn: " + SECRET + "\n");
      host.jvm.signal("HUP");
      host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      host.write("db:\n  password: y" + SECRET + "\n  tokn: " + SECRET + "\n");
      host.jvm.signal("HUP");
      host.jvm.awaitOutput("reload applied (SIGHUP)", 1);
      Path conf = dir.resolve("broken.conf");
      Files.writeString(conf, "db.password = \"" + SECRET + "\n");
      Cli status = Cli.run("status", host.jvm.pid());
      Cli check = Cli.run("check", config, "--classpath", ForkedJvm.hostClassPath());
      Cli broken = Cli.run("check", conf);
      String everything = host.jvm.output() + status + check + broken;
      assertTrue(
          host.jvm.output().contains("db.token: expected int, got a value (hidden"),
          host.jvm.output());
      assertTrue(host.jvm.output().contains("db.password: **** → ****"), host.jvm.output());
      assertTrue(status.out.contains("last error:      rejected: "), status.out);
      assertFalse(everything.contains(SECRET), everything);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void anotherUserCannotTriggerAReload(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: one\n");
    try (Host host = Host.start(jdk, dir, config, "")) {
      host.write("s:\n  string: two\n");
      Process other =
          new ProcessBuilder(
                  "runuser", "-u", "nobody", "--", "kill", "-HUP", Long.toString(host.jvm.pid()))
              .redirectErrorStream(true)
              .start();
      String said = new String(other.getInputStream().readAllBytes());
      assertNotEquals(0, other.waitFor(), said);
      assertTrue(said.contains("Operation not permitted"), said);
      assertEquals("one", host.fresh().getProperty("s.string"), "no reload happened");
      assertEquals("1", host.state().getProperty("callback.generation"));
    }
  }
}
