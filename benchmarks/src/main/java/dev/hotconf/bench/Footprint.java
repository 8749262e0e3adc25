package dev.hotconf.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent at rest and its first reload: the demo service with and without the agent, its heap
 * after a full GC and its metaspace (jcmd), and how long the first reload after start takes (the
 * agent's own outcome line). Medians of a few runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.Footprint AGENT_JAR DEMO_JAR OUT RUNS}
 */
public final class Footprint {
  private static final Pattern HEAP = Pattern.compile("used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");
  private static final Pattern FIRST =
      Pattern.compile("reload applied \\([^)]*\\): generation 2 .* in ([\\d.]+) ms");

  private Footprint() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path demo = Path.of(args[1]).toAbsolutePath();
    Path out = Path.of(args[2]).toAbsolutePath();
    int runs = Integer.parseInt(args[3]);
    Files.createDirectories(out);
    Path config = out.resolve("footprint.yaml");
    double[][] s = new double[5][runs]; // heap with/without, metaspace with/without, first reload
    for (int i = 0; i < runs; i++) {
      Files.writeString(config, "greeting: Hello\n");
      double[] with = run(demo, "-javaagent:" + agent + "=config=" + config, config, true);
      double[] without = run(demo, null, config, false);
      s[0][i] = with[0];
      s[1][i] = without[0];
      s[2][i] = with[1];
      s[3][i] = without[1];
      s[4][i] = with[2];
    }
    for (double[] row : s) Arrays.sort(row);
    int m = runs / 2;
    String report =
        String.format(
            Locale.ROOT,
            "demo at rest, medians of %d runs: heap after full GC %.0f KB with the agent, %.0f KB"
                + " without (+%.0f KB); metaspace used %.0f KB with, %.0f KB without (+%.0f KB);"
                + " first reload after start %.1f ms%n",
            runs,
            s[0][m],
            s[1][m],
            s[0][m] - s[1][m],
            s[2][m],
            s[3][m],
            s[2][m] - s[3][m],
            s[4][m]);
    System.out.print(report);
    Files.writeString(out.resolve("footprint.txt"), report);
  }

  /** Heap KB, metaspace KB and (with the agent) the first reload's ms. */
  private static double[] run(Path demo, String agentArg, Path config, boolean reload)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        agentArg == null
            ? List.of(java, "-Ddemo.port=0", "-jar", demo.toString())
            : List.of(java, agentArg, "-Ddemo.port=0", "-jar", demo.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream()));
    try {
      for (String line = lines.readLine(); !line.contains("listening"); line = lines.readLine()) {
        if (line == null) throw new IllegalStateException("the demo did not start");
      }
      String pid = Long.toString(p.pid());
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      double heap = find(HEAP, info);
      double metaspace = find(METASPACE, info);
      double first = 0;
      if (reload) {
        Files.writeString(config, "greeting: Howdy\n");
        Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 1000));
        new ProcessBuilder("kill", "-HUP", pid).start().waitFor();
        for (String line = lines.readLine(); ; line = lines.readLine()) {
          if (line == null) throw new IllegalStateException("no reload outcome");
          Matcher m = FIRST.matcher(line);
          if (m.find()) {
            first = Double.parseDouble(m.group(1));
            break;
          }
        }
      }
      return new double[] {heap, metaspace, first};
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  private static String jcmd(String pid, String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), pid, command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  private static double find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) throw new IllegalStateException("no figure in: " + text);
    return Double.parseDouble(m.group(1));
  }
}
