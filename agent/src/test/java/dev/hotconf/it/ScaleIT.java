package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million instances created and dropped: the agent holds them weakly, gives the memory back, and
 * its clean-up costs the application no pause. Prints the figures with and without the agent.
 */
class ScaleIT {
  private static final int COUNT = 1_000_000;
  private static final Pattern FIGURE = Pattern.compile("(\\w+)=(-?\\d+)");

  private static Map<String, Long> run(Path dir, boolean agent) throws Exception {
    Path config = dir.resolve("scale.yaml");
    Files.writeString(config, "item:\n  size: 3\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String[] base = {java.toString(), "-Xmx1g", "-XX:+UseG1GC", "-cp", ForkedJvm.hostClassPath()};
    List<String> command = new java.util.ArrayList<>(List.of(base));
    if (agent) command.add(1, "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config);
    command.add("dev.hotconf.it.host.ScaleHost");
    command.add(Integer.toString(COUNT));
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      assertEquals(0, jvm.awaitExit(), jvm.output());
      String line =
          jvm.output().lines().filter(l -> l.startsWith("SCALE ")).findFirst().orElseThrow();
      Map<String, Long> figures = new HashMap<>();
      Matcher m = FIGURE.matcher(line);
      while (m.find()) figures.put(m.group(1), Long.parseLong(m.group(2)));
      return figures;
    }
  }

  @Test
  void aMillionDroppedInstancesGiveTheirMemoryBack(@TempDir Path dir) throws Exception {
    Map<String, Long> with = run(dir, true);
    Map<String, Long> without = run(dir, false);
    assertEquals(3L * COUNT, with.get("sum"), "every instance was bound");
    assertEquals((long) COUNT, without.get("sum"), "without the agent: the initializer");
    long mb = 1024 * 1024;
    System.out.printf(
        "1,000,000 instances, heap after full GC, with agent vs without: baseline %d vs %d MB,"
            + " all live %d vs %d MB (%d vs %d bytes per instance, so %d retained by hotconf),"
            + " all dropped %d vs %d MB; constructions while dropping: max %d vs %d us,"
            + " p99.9 %d vs %d us%n",
        with.get("baseline") / mb,
        without.get("baseline") / mb,
        with.get("live") / mb,
        without.get("live") / mb,
        with.get("perInstance"),
        without.get("perInstance"),
        with.get("perInstance") - without.get("perInstance"),
        with.get("dropped") / mb,
        without.get("dropped") / mb,
        with.get("churnMaxMicros"),
        without.get("churnMaxMicros"),
        with.get("churnP999Micros"),
        without.get("churnP999Micros"));
    assertTrue(
        with.get("dropped") <= with.get("baseline") + 4 * mb,
        "the heap returns to its baseline: " + with);
  }
}
