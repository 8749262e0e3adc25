package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many reloads in one JVM: open file descriptors, threads and the heap after GC stay flat. {@code
 * mvn verify} runs 300 reloads; {@code -Psoak} runs 10,000.
 */
class SoakIT {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  /** Heap used after a full GC, asked of the JVM with jcmd. */
  private static long heapAfterGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").start().waitFor();
    Process info = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").start();
    String out = new String(info.getInputStream().readAllBytes());
    info.waitFor();
    Matcher m = USED.matcher(out);
    if (!m.find()) throw new AssertionError("no heap figure in: " + out);
    return Long.parseLong(m.group(1)) * 1024;
  }

  @Test
  void resourcesStayFlatOverManyReloads(@TempDir Path dir) throws Exception {
    int reloads = Integer.getInteger("hotconf.soak.reloads", 300);
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: r0\n");
    Path jdk = Path.of(System.getProperty("java.home"));
    try (Host host = Host.start(jdk, dir, config, "", "-Xmx256m")) {
      // Warm up: the first reloads load classes and start the agent's threads once.
      for (int k = 1; k <= 20; k++) reload(host, config, k, k % 3 == 0);
      long pid = host.jvm.pid();
      Path proc = Path.of("/proc", Long.toString(pid));
      long fds = count(proc.resolve("fd"));
      long threads = count(proc.resolve("task"));
      long heap = heapAfterGc(pid);
      long start = System.nanoTime();
      for (int k = 21; k <= 20 + reloads; k++) reload(host, config, k, k % 3 == 0);
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      long fdsAfter = count(proc.resolve("fd"));
      long threadsAfter = count(proc.resolve("task"));
      long heapAfter = heapAfterGc(pid);
      System.out.printf(
          "soak: %d reloads (a third rejected) in %d s: open fds %d -> %d, threads %d -> %d,"
              + " heap after GC %d -> %d KB%n",
          reloads, seconds, fds, fdsAfter, threads, threadsAfter, heap / 1024, heapAfter / 1024);
      assertTrue(fdsAfter <= fds + 2, "file descriptors leak: " + fds + " -> " + fdsAfter);
      assertTrue(threadsAfter <= threads + 2, "threads leak: " + threads + " -> " + threadsAfter);
      assertTrue(heapAfter <= heap + 4 * 1024 * 1024, "heap grows: " + heap + " -> " + heapAfter);
    }
  }

  private static int rejected;

  /** Reload k: a good file, or (bad) one that does not convert; waits for its outcome. */
  private static void reload(Host host, Path config, int k, boolean bad) throws Exception {
    Files.writeString(config, "s:\n  string: r" + k + "\n" + (bad ? "  int: x\n" : ""));
    Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 1000));
    host.jvm.signal("HUP");
    if (bad) host.jvm.awaitOutput("reload rejected (SIGHUP)", ++rejected);
    else host.await("s.string", "r" + k);
  }
}
