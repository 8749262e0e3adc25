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

  @ParameterizedTest
  @MethodSource("jdks")
  void aSlowWriterNeverGetsHalfAFileApplied(Path jdk, @TempDir Path dir) throws Exception {
    StringBuilder full = new StringBuilder("s:\n  string: new\n");
    for (int i = 0; i < 3000; i++) full.append("  k").append(i).append(": v\n");
    full.append("  int: 42\n");
    byte[] bytes = full.toString().getBytes(StandardCharsets.UTF_8);
    try (Host host = start(jdk, dir)) {
      Thread writer =
          new Thread(
              () -> {
                try (OutputStream out =
                    Files.newOutputStream(host.config, StandardOpenOption.TRUNCATE_EXISTING)) {
                  for (int at = 0; at < bytes.length; at += 2048) {
                    out.write(bytes, at, Math.min(2048, bytes.length - at));
                    out.flush();
                    Thread.sleep(15);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.start();
      while (writer.isAlive()) {
        host.jvm.signal("HUP");
        Thread.sleep(7);
      }
      host.jvm.signal("HUP");
      Properties s =
          host.await(
              p ->
                  "new/42".equals(p.getProperty("callback.seen").replaceAll(".*,", ""))
                      || p.getProperty("callback.seen").contains("new/42"),
              "the whole file");
      String seen = s.getProperty("callback.seen");
      for (String pair : seen.split(",")) {
        assertTrue(
            pair.equals("old/1") || pair.equals("new/42"), "half a file was applied: " + seen);
      }
      assertEquals("42", host.fresh().getProperty("s.anInt"));
    }
  }
}
