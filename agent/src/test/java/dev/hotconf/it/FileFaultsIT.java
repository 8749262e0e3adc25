package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What happens to the file between two reloads: gone, replaced, renamed, half written. */
class FileFaultsIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  private static Host start(Path jdk, Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: old\n  int: 1\n");
    return Host.start(jdk, dir, config, "");
  }

  private static void rejected(Host host, int times, String says) throws Exception {
    host.jvm.signal("HUP");
    String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", times);
    String line =
        out.lines().filter(l -> l.contains("reload rejected")).reduce((a, b) -> b).orElseThrow();
    assertTrue(line.contains(says), line);
    assertEquals("old", host.fresh().getProperty("s.string"));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aMissingFileOrADirectoryKeepsThePreviousConfiguration(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir)) {
      Files.delete(host.config);
      rejected(host, 1, "app.yaml: cannot read: no such file");
      Files.createDirectory(host.config);
      rejected(host, 2, "app.yaml: is a directory");
      Files.delete(host.config);
      host.write("s:\n  string: back\n");
      host.jvm.signal("HUP");
      host.await("s.string", "back");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void atomicRenamesAndSymlinkSwapsApply(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      Path tmp = dir.resolve("app.yaml.tmp");
      Files.writeString(tmp, "s:\n  string: renamed\n");
      Files.move(
          tmp, host.config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      host.jvm.signal("HUP");
      host.await("s.string", "renamed");

      Path v2 = dir.resolve("v2.yaml");
      Files.writeString(v2, "s:\n  string: linked\n");
      Path link = dir.resolve("link.tmp");
      Files.createSymbolicLink(link, v2.getFileName());
      Files.move(
          link, host.config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      host.jvm.signal("HUP");
      host.await("s.string", "linked");
    }
  }

  /**
   * A writer that truncates the file and writes it in pauses: the file-watch trigger waits for
   * writes to settle, so half a file is never applied. (A signal says the file is ready: it is read
   * at once, and only a file that changes during the read itself is read again.)
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void aSlowWriterNeverGetsHalfAFileAppliedByTheWatcher(Path jdk, @TempDir Path dir)
      throws Exception {
    StringBuilder full = new StringBuilder("s:\n  string: new\n");
    for (int i = 0; i < 3000; i++) full.append("  k").append(i).append(": v\n");
    full.append("  int: 42\n");
    byte[] bytes = full.toString().getBytes(StandardCharsets.UTF_8);
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: old\n  int: 1\n");
    try (Host host = Host.start(jdk, dir, config, "watch=true")) {
      try (OutputStream out = Files.newOutputStream(config, StandardOpenOption.TRUNCATE_EXISTING)) {
        for (int at = 0; at < bytes.length; at += 2048) {
          out.write(bytes, at, Math.min(2048, bytes.length - at));
          out.flush();
          Thread.sleep(15);
        }
      }
      Properties s =
          host.await(p -> p.getProperty("callback.seen", "").contains("new/42"), "whole");
      String seen = s.getProperty("callback.seen");
      for (String pair : seen.split(",")) {
        assertTrue(
            pair.equals("old/1") || pair.equals("new/42"), "half a file was applied: " + seen);
      }
      assertEquals("42", host.fresh().getProperty("s.anInt"));
    }
  }

  /**
   * Anything that is not a regular file at the configuration's path is refused with a message that
   * says what it is, without opening it: a FIFO would block the read forever, a device never ends.
   * The application keeps its values, and a good file applies on the next signal.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void specialFilesAreRefusedAndAGoodFileAppliesNext(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      int rejections = 0;
      Files.delete(host.config);
      assertEquals(0, new ProcessBuilder("mkfifo", host.config.toString()).start().waitFor());
      rejected(host, ++rejections, "app.yaml: is a FIFO (named pipe), not a regular file");
      for (String device : List.of("/dev/zero", "/dev/urandom")) {
        Files.delete(host.config);
        Files.createSymbolicLink(host.config, Path.of(device));
        rejected(host, ++rejections, "app.yaml: is a character device, not a regular file");
      }
      Files.delete(host.config);
      Files.createSymbolicLink(host.config, dir.resolve("nowhere.yaml"));
      rejected(
          host,
          ++rejections,
          "app.yaml: cannot read: it is a symbolic link to " + dir.resolve("nowhere.yaml"));
      Files.delete(host.config);
      host.write("s:\n  string: good\n");
      host.jvm.signal("HUP");
      host.await("s.string", "good");
      assertTrue(host.jvm.isAlive());
    }
  }

  /**
   * chmod 000 means nothing to root, who runs these tests: the host runs as {@code nobody}, from
   * copies of its class path in a directory that user can read.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void anUnreadableFileKeepsThePreviousConfiguration(Path jdk) throws Exception {
    Path dir =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hotconf-nobody");
    try {
      Files.setPosixFilePermissions(
          dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      List<String> classPath = new java.util.ArrayList<>();
      for (String entry : ForkedJvm.hostClassPath().split(java.io.File.pathSeparator)) {
        Path source = Path.of(entry);
        Path copy = dir.resolve(source.getFileName());
        copyTree(source, copy);
        classPath.add(copy.toString());
      }
      Path agent = dir.resolve("hotconf-agent.jar");
      Files.copy(ForkedJvm.agentJar(), agent);
      Path config = dir.resolve("app.yaml");
      Files.writeString(config, "s:\n  string: old\n");
      Path state = dir.resolve("state.properties");
      List<String> command =
          List.of(
              "runuser",
              "-u",
              "nobody",
              "--",
              jdk.resolve("bin/java").toString(),
              "-javaagent:" + agent + "=config=" + config,
              "-cp",
              String.join(java.io.File.pathSeparator, classPath),
              "dev.hotconf.it.host.TypesHost",
              state.toString());
      try (ForkedJvm jvm = ForkedJvm.start(command)) {
        Host host = Host.attach(jvm, config, state);
        // runuser forks: signal the JVM itself, the child that writes the state.
        long pid =
            ProcessHandle.of(jvm.pid()).orElseThrow().descendants().findFirst().orElseThrow().pid();
        Files.setPosixFilePermissions(
            config, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor();
        String out = jvm.awaitOutput("reload rejected (SIGHUP)", 1);
        assertTrue(out.contains("app.yaml: cannot read: permission denied"), out);
        assertEquals("old", host.fresh().getProperty("s.string"));
        Files.writeString(config, "s:\n  string: readable\n");
        Files.setPosixFilePermissions(
            config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor();
        host.await("s.string", "readable");
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void copyTree(Path source, Path target) throws java.io.IOException {
    try (var walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
        to.toFile().setReadable(true, false);
        if (Files.isDirectory(to)) to.toFile().setExecutable(true, false);
      }
    }
  }
}
