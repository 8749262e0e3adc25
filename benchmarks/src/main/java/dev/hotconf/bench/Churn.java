package dev.hotconf.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Constructing and dropping bound objects: what the agent adds to every {@code new} of a class with
 * a {@code @Reloadable} instance field, and that the objects it tracks never pile up. Forks {@link
 * ChurnHost} JVMs ({@code -Xmx256m}) with and without the agent, side by side:
 *
 * <ol>
 *   <li>throughput on 1 and 2 threads, with and without the agent, runs alternating;
 *   <li>the long run: every core constructing and dropping for a minute with the agent, which must
 *       end normally with the heap after a full GC back near its baseline;
 *   <li>memory per live tracked object: a million objects kept alive, with and without the agent,
 *       then dropped.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.Churn AGENT_JAR OUT_DIR [--seconds 10]
 * [--warmup 2] [--repeats 1] [--long 60] [--objects 1000000] [--settle 6]}
 */
public final class Churn {
  private static final String USAGE =
      "Churn AGENT_JAR OUT_DIR [--seconds 10] [--warmup 2] [--repeats 1] [--long 60]"
          + " [--objects 1000000] [--settle 6]";

  /** The targets the figures are held against. */
  private static final double MAX_EXTRA_NS = 30;

  private static final double MIN_SCALING = 1.7;
  private static final double MAX_HEAP_GROWTH_KB = 8 * 1024;
  private static final double MAX_BYTES_PER_LIVE = 40;

  private Churn() {}

  public static void main(String[] args) throws Exception {
    Harness.Args a = new Harness.Args(args);
    Path agent = Path.of(a.positional(0, USAGE)).toAbsolutePath();
    Path out = Path.of(a.positional(1, USAGE)).toAbsolutePath();
    double seconds = a.number("seconds", 10);
    double warmup = a.number("warmup", 2);
    int repeats = a.integer("repeats", 1);
    double longSeconds = a.number("long", 60);
    int objects = a.integer("objects", 1_000_000);
    // A last, informational look at the heap this long after the objects died.
    double settle = a.number("settle", 6);
    String settleArg = Double.toString(settle);
    Files.createDirectories(out);
    Path config = out.resolve("churn.yaml");
    Files.writeString(config, "churn:\n  value: 2\n");
    String agentArg = "-javaagent:" + agent + "=config=" + config + ",signals=none,jmx=false";

    // (a) throughput: every cell once per repeat, with and without next to each other.
    double[][] rate = new double[4][repeats]; // objects/s: 1 without, 1 with, 2 without, 2 with
    double[][] gcMs = new double[4][repeats];
    for (int r = 0; r < repeats; r++) {
      for (int cell = 0; cell < 4; cell++) {
        int threads = cell < 2 ? 1 : 2;
        boolean with = cell % 2 == 1;
        Map<String, String> res =
            host(
                with ? agentArg : null,
                "loop",
                Integer.toString(threads),
                Double.toString(warmup),
                Double.toString(seconds),
                with ? "2" : "1",
                "0"); // the heap is not looked at here
        rate[cell][r] = num(res, "objects") / num(res, "seconds");
        gcMs[cell][r] = num(res, "gcMs") / num(res, "seconds");
        System.err.printf(
            Locale.ROOT,
            "throughput run %d/%d, %d thread(s) %s the agent: %.0f objects/s%n",
            r + 1,
            repeats,
            threads,
            with ? "with" : "without",
            rate[cell][r]);
      }
    }
    double[] perSecond = new double[4];
    double[] nsPerObject = new double[4];
    double[] gcShare = new double[4];
    for (int cell = 0; cell < 4; cell++) {
      perSecond[cell] = Harness.median(rate[cell]);
      nsPerObject[cell] = (cell < 2 ? 1 : 2) * 1e9 / perSecond[cell];
      gcShare[cell] = Harness.median(gcMs[cell]) / 10; // ms of GC per s, as a percentage
    }
    double extraNs = nsPerObject[1] - nsPerObject[0];
    double scalingWith = perSecond[3] / perSecond[1];
    double scalingWithout = perSecond[2] / perSecond[0];

    // (b) the long run: every core, a minute, the agent, a small heap.
    System.err.printf(Locale.ROOT, "long run, 2 threads, %.0f s, with the agent%n", longSeconds);
    Map<String, String> longRun =
        tolerant(
            agentArg,
            "loop",
            "2",
            Double.toString(warmup),
            Double.toString(longSeconds),
            "2",
            settleArg);
    boolean longOk = !longRun.containsKey("output");
    double longBefore = longOk ? num(longRun, "heapBeforeKb") : Double.NaN;
    double longAfter = longOk ? num(longRun, "heapAfterKb") : Double.NaN;
    double longSettled = longOk ? num(longRun, "heapSettledKb") : Double.NaN;

    // (c) memory per live tracked object, with and without, side by side.
    System.err.printf(Locale.ROOT, "%d live objects, without and with the agent%n", objects);
    Map<String, String> liveWithout = host(null, "live", Integer.toString(objects), "1", settleArg);
    Map<String, String> liveWith =
        host(agentArg, "live", Integer.toString(objects), "2", settleArg);
    double grownWithout = num(liveWithout, "heapLiveKb") - num(liveWithout, "heapBeforeKb");
    double grownWith = num(liveWith, "heapLiveKb") - num(liveWith, "heapBeforeKb");
    double bytesWithout = grownWithout * 1024 / objects;
    double bytesWith = grownWith * 1024 / objects;
    double bytesPerTracked = bytesWith - bytesWithout;

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "Constructing and dropping objects with one @Reloadable int field, -Xmx256m; median of %d"
                + " run(s) of %.0f s after %.0f s of warm-up, with and without alternating%n%n",
            repeats,
            seconds,
            warmup));
    report.append(
        String.format(
            Locale.ROOT,
            "%-8s %-8s %14s %16s %10s%n",
            "threads",
            "agent",
            "objects/s",
            "ns/object/thread",
            "GC time"));
    for (int cell = 0; cell < 4; cell++) {
      report.append(
          String.format(
              Locale.ROOT,
              "%-8d %-8s %14.0f %16.2f %9.1f%%%n",
              cell < 2 ? 1 : 2,
              cell % 2 == 1 ? "with" : "without",
              perSecond[cell],
              nsPerObject[cell],
              gcShare[cell]));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%nthe agent's extra time per constructed object, 1 thread: %+.2f ns (target <= %.0f"
                + " ns: %s)%n",
            extraNs,
            MAX_EXTRA_NS,
            Harness.verdict(extraNs <= MAX_EXTRA_NS)));
    report.append(
        String.format(
            Locale.ROOT,
            "2 threads / 1 thread, with the agent: %.2fx (target >= %.1fx: %s); without: %.2fx%n",
            scalingWith,
            MIN_SCALING,
            Harness.verdict(scalingWith >= MIN_SCALING),
            scalingWithout));
    report.append(
        String.format(
            Locale.ROOT,
            "%nlong run, 2 threads, %.0f s, with the agent, -Xmx256m: exit status %s (target: never"
                + " fails: %s)%n",
            longSeconds,
            longRun.getOrDefault("exit", "?"),
            Harness.verdict(longOk)));
    if (longOk) {
      report.append(
          String.format(
              Locale.ROOT,
              "  %.0f objects (%.0f/s), %s GCs taking %s ms%n",
              num(longRun, "objects"),
              num(longRun, "objects") / num(longRun, "seconds"),
              longRun.get("gcs"),
              longRun.get("gcMs")));
      report.append(
          String.format(
              Locale.ROOT,
              "  heap after full GCs (until it stops shrinking, <= 2 s): %.0f KB before the loop, %.0f KB"
                  + " after it, %+.0f KB (target"
                  + " within %.0f KB: %s); %.0f KB %.0f s later (%+.0f KB)%n",
              longBefore,
              longAfter,
              longAfter - longBefore,
              MAX_HEAP_GROWTH_KB,
              Harness.verdict(Math.abs(longAfter - longBefore) <= MAX_HEAP_GROWTH_KB),
              longSettled,
              settle,
              longSettled - longBefore));
    } else {
      List<String> lines = longRun.get("output").lines().toList();
      report.append("  its last lines:\n");
      for (String l : lines.subList(Math.max(0, lines.size() - 20), lines.size())) {
        report.append("    ").append(l).append('\n');
      }
    }
    report.append(
        String.format(
            Locale.ROOT,
            "%n%d live objects, heap after full GCs (baseline / live / dropped / %.0f s"
                + " later):%n",
            objects,
            settle));
    for (Map<String, String> live : List.of(liveWithout, liveWith)) {
      double base = num(live, "heapBeforeKb");
      report.append(
          String.format(
              Locale.ROOT,
              "  %-18s %8.0f / %8.0f / %8.0f (%+.0f) / %8.0f (%+.0f) KB: %.1f bytes per object%n",
              live == liveWith ? "with the agent" : "without the agent",
              base,
              num(live, "heapLiveKb"),
              num(live, "heapDroppedKb"),
              num(live, "heapDroppedKb") - base,
              num(live, "heapSettledKb"),
              num(live, "heapSettledKb") - base,
              (num(live, "heapLiveKb") - base) * 1024 / objects));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "the agent's bytes per live tracked object: %.1f (target <= %.0f: %s)%n",
            bytesPerTracked,
            MAX_BYTES_PER_LIVE,
            Harness.verdict(bytesPerTracked <= MAX_BYTES_PER_LIVE)));
    String summary =
        String.format(
            Locale.ROOT,
            "{\"extraNsPerObject\": %.2f, \"nsPerObjectWithout\": %.2f, \"nsPerObjectWith\": %.2f,"
                + " \"twoThreadsOverOneWith\": %.2f, \"longRunSeconds\": %.0f, \"longRunOk\": %b,"
                + " \"longRunHeapGrowthKb\": %.0f, \"bytesPerLiveTrackedObject\": %.1f}",
            extraNs,
            nsPerObject[0],
            nsPerObject[1],
            scalingWith,
            longSeconds,
            longOk,
            longAfter - longBefore,
            bytesPerTracked);
    report.append('\n').append(summary).append('\n');
    System.out.print(report);
    Harness.writeResults(out.resolve("churn.txt"), report.toString());
  }

  /** Runs one host JVM that must succeed, and returns its {@code RESULT} figures. */
  private static Map<String, String> host(String agentArg, String... hostArgs) throws Exception {
    Map<String, String> result = tolerant(agentArg, hostArgs);
    if (result.containsKey("output")) {
      throw new IllegalStateException(
          "the host failed (exit " + result.get("exit") + "):\n" + result.get("output"));
    }
    return result;
  }

  /**
   * Runs one host JVM and returns its {@code RESULT} figures and {@code exit}, its exit status; if
   * it failed (an exit status other than 0, an {@code OutOfMemoryError}, no result, or a bound
   * field without its value), {@code output} holds what it printed instead.
   */
  private static Map<String, String> tolerant(String agentArg, String... hostArgs)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Harness.java(), "-Xmx256m", "-XX:+UseG1GC"));
    if (agentArg != null) command.add(agentArg);
    command.addAll(List.of("-cp", Harness.classPath(), ChurnHost.class.getName()));
    command.addAll(List.of(hostArgs));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    int exit = p.waitFor();
    Map<String, String> result = new HashMap<>();
    String line =
        output.lines().filter(l -> l.startsWith("RESULT ")).reduce((x, y) -> y).orElse(null);
    if (line != null) {
      for (String field : line.substring("RESULT ".length()).split(" ")) {
        int eq = field.indexOf('=');
        result.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    result.put("exit", Integer.toString(exit));
    if (exit != 0
        || line == null
        || output.contains("OutOfMemoryError")
        || !"true".equals(result.get("ok"))) {
      result.put("output", output.strip());
    }
    return result;
  }

  private static double num(Map<String, String> result, String key) {
    String value = result.get(key);
    if (value == null) throw new IllegalStateException("no " + key + " in " + result);
    return Double.parseDouble(value);
  }
}
