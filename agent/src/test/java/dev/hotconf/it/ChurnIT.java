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

/**
 * Objects constructed and dropped flat out on several threads while reloads come in: every kept
 * object holds each reload's value once its callbacks have run, and the heap stays bounded in a
 * small heap (it ran out in seconds when the registry kept an entry per object ever made).
 */
class ChurnIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void constructionOnEveryCoreDuringReloadsNeverMissesAValueNorFillsTheHeap(
      Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "churn:\n  value: 1\n");
    Path statePath = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(
            jdk,
            "config=" + config,
            List.of("-Xmx64m"),
            "dev.hotconf.it.host.ChurnHost",
            statePath.toString(),
            "3")) {
      Host host = Host.attach(jvm, config, statePath);
      Properties first = host.await("generation", "1");
      long baselineKb = Long.parseLong(first.getProperty("baselineKb"));
      long maxKb = Long.parseLong(first.getProperty("heapKb"));
      for (int generation = 2; generation <= 25; generation++) {
        host.write("churn:\n  value: " + generation * 10 + "\n");
        jvm.signal("HUP");
        Properties s = host.await("generation", Integer.toString(generation));
        assertEquals(Integer.toString(generation * 10), s.getProperty("value"));
        assertEquals("0", s.getProperty("stale"), "kept objects without the new value: " + s);
        assertTrue(Integer.parseInt(s.getProperty("kept")) > 0, s.toString());
        maxKb = Math.max(maxKb, Long.parseLong(s.getProperty("heapKb")));
      }
      long constructed = Long.parseLong(host.state().getProperty("constructed"));
      // The last reload stops the churn: the heap goes back to what the kept objects need.
      host.write("churn:\n  value: 1000\n");
      jvm.signal("HUP");
      Properties last = host.await("generation", "26");
      assertEquals("0", last.getProperty("stale"), last.toString());
      long finalKb = Long.parseLong(last.getProperty("heapKb"));
      System.out.printf(
          "churn on %s: %,d objects constructed on 3 threads during 24 reloads, in 64 MB; heap"
              + " after GC %,d KB at start, at most %,d KB while churning, %,d KB once stopped%n",
          jdk.getFileName(), constructed, baselineKb, maxKb, finalKb);
      assertTrue(constructed > 1_000_000, "the threads churned: " + constructed);
      assertTrue(jvm.isAlive(), jvm.output());
      assertTrue(!jvm.output().contains("OutOfMemoryError"), jvm.output());
      assertTrue(maxKb < 40 * 1024, "heap after GC while churning: at most " + maxKb + " KB");
      assertTrue(
          finalKb - baselineKb < 8 * 1024,
          "heap after GC went from " + baselineKb + " KB to " + finalKb + " KB");
    }
  }
}
