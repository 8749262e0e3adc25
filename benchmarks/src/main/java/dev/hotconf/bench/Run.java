package dev.hotconf.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the read-path benchmarks with the agent attached to JMH's forked JVMs, prints each figure
 * and its ratios, and draws the chart from the results; and the class file transformer's cost per
 * class without {@code @Reloadable} ({@link TransformerBenchmark}), reported on its own line.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.Run AGENT_JAR OUT_DIR [JMH options]}
 */
public final class Run {
  private Run() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(out);
    Path config = out.resolve("bench.yaml");
    Files.writeString(config, "bench:\n  value: 42\n");
    CommandLineOptions jmh = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
    Options options =
        new OptionsBuilder()
            .parent(jmh)
            .include(ReadBenchmark.class.getSimpleName())
            .include(ReloadingReadBenchmark.class.getSimpleName())
            .include(RefreshScopeBenchmark.class.getSimpleName())
            .include(TransformerBenchmark.class.getSimpleName())
            .jvmArgsAppend(
                "-javaagent:" + agent + "=config=" + config + ",signals=none",
                "-Dbench.dir=" + out,
                "-Dbench.config=" + config)
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("read-path.json").toString())
            .build();
    Collection<RunResult> results = new Runner(options).run();
    anonymize(out.resolve("read-path.json"));

    Map<String, Double> ns = new LinkedHashMap<>();
    // Not reads: kept out of the read-path table and chart.
    double copyAndTransform = Double.NaN;
    double copy = Double.NaN;
    double fresh = Double.NaN;
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      double score = r.getPrimaryResult().getScore();
      if (name.equals(TransformerBenchmark.class.getName() + ".transformPlainClass")) {
        copyAndTransform = score;
      } else if (name.equals(TransformerBenchmark.class.getName() + ".jvmCopy")) {
        copy = score;
      } else if (name.equals(TransformerBenchmark.class.getName() + ".transformFreshCopy")) {
        fresh = score;
      } else {
        ns.put(name.substring(name.lastIndexOf('.') + 1), score);
      }
    }
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "%-36s %12s%n", "benchmark", "ns/op"));
    ns.forEach((k, v) -> report.append(String.format(Locale.ROOT, "%-36s %12.3f%n", k, v)));
    double hot = ns.getOrDefault("hotconf", Double.NaN);
    report.append(
        String.format(
            Locale.ROOT,
            "hotconf / volatile field: %.2fx; two readers / one: %.2fx; two readers while"
                + " reloading / one: %.2fx%n",
            hot / ns.getOrDefault("volatileField", Double.NaN),
            ns.getOrDefault("hotconfTwoReaders", Double.NaN) / hot,
            ns.getOrDefault("hotconfTwoReadersWhileReloading", Double.NaN) / hot));
    for (String peer :
        List.of(
            "archaius2",
            "commonsConfiguration2",
            "smallryeConfig",
            "owner",
            "springRefreshScope")) {
      report.append(
          String.format(
              Locale.ROOT, "%s / hotconf: %.1fx%n", peer, ns.getOrDefault(peer, Double.NaN) / hot));
    }
    double transform = copyAndTransform - copy;
    report.append(
        String.format(
            Locale.ROOT,
            "class file transformer, a class without @Reloadable: %.1f ns per class on a class file"
                + " just copied (JMH time stamps included); %.1f ns cycling cold files (copy and"
                + " transformer %.1f ns - the JVM's copy %.1f ns); target <= 1000 ns: %s%n",
            fresh,
            transform,
            copyAndTransform,
            copy,
            Double.isNaN(fresh) || Double.isNaN(transform)
                ? "not run"
                : Harness.verdict(Math.max(fresh, transform) <= 1000)));
    System.out.print(report);
    Files.writeString(out.resolve("read-path.txt"), report.toString());
    chart(ns, out.resolve("read-path"));
  }

  /**
   * Keeps the results file free of this machine's directories: the working directory becomes {@code
   * .} and the JDK's home {@code $JAVA_HOME}.
   */
  private static void anonymize(Path json) throws java.io.IOException {
    String text = Files.readString(json);
    text = text.replace(Path.of("").toAbsolutePath().toString(), ".");
    text = text.replace(System.getProperty("java.home"), "$JAVA_HOME");
    Files.writeString(json, text);
  }

  /** A bar chart of ns/op, log scale: the peers are orders of magnitude apart. */
  private static void chart(Map<String, Double> ns, Path file) throws Exception {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(500)
            .title("Reading one configuration value (ns/op, log scale; lower is better)")
            .xAxisTitle("")
            .yAxisTitle("ns/op")
            .build();
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.1);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.addSeries("ns/op", new ArrayList<>(ns.keySet()), new ArrayList<>(ns.values()));
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
