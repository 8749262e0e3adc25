package dev.hotconf.bench;

import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.bind.Commit;
import dev.hotconf.agent.internal.bind.Plan;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reload latency, in process: load (read and parse), plan (convert every binding) and commit (write
 * the changed fields) for configuration files of 1 KB, 100 KB and 1 MB and 10, 1,000 and 100,000
 * bound instances, each reload changing the bound values; against parsing the same file alone,
 * measured in the same run. p50 and p99 of 40 reloads after 10 to warm up.
 *
 * <p>Usage: {@code java -cp benchmarks.jar:hotconf-agent.jar dev.hotconf.bench.ReloadLatency OUT}
 */
public final class ReloadLatency {
  private static final int WARMUP = 10;
  private static final int RUNS = 40;

  /** The bound class: two fields per instance. */
  public static final class Item {
    @Reloadable("bench.n")
    int n;

    @Reloadable("bench.s")
    String s;
  }

  private ReloadLatency() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(out);
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "%-8s %9s | %9s %9s | %9s %9s | %8s %8s %8s | %6s %6s%n",
            "file",
            "instances",
            "parse p50",
            "p99",
            "reload p50",
            "p99",
            "load",
            "plan",
            "commit",
            "p50 x",
            "p99 x"));
    for (int kb : new int[] {1, 100, 1024}) {
      for (int instances : new int[] {10, 1_000, 10_000, 100_000}) {
        report.append(measure(out, kb, instances));
      }
    }
    report.append(peers(out));
    System.out.print(report);
    Files.writeString(out.resolve("reload-latency.txt"), report.toString());
  }

  /** OWNER, reloaded by hand. */
  @org.aeonbits.owner.Config.Sources("file:${bench.latency.file}")
  public interface OwnerSettings extends org.aeonbits.owner.Config, org.aeonbits.owner.Reloadable {
    @Key("bench.n")
    @DefaultValue("0")
    int n();
  }

  /**
   * The peers' own reload paths on a 100 KB properties file: Commons Configuration's reloading
   * builder (check, then the rebuilt configuration) and OWNER's {@code reload()}; beside hotconf's
   * reload of the same file.
   */
  private static String peers(Path out) throws Exception {
    Path file = out.resolve("latency-100k.properties");
    write(file, properties(100, 0));
    System.setProperty("bench.latency.file", file.toString());

    org.apache.commons.configuration2.builder.ReloadingFileBasedConfigurationBuilder<
            org.apache.commons.configuration2.PropertiesConfiguration>
        commons =
            new org.apache.commons.configuration2.builder.ReloadingFileBasedConfigurationBuilder<>(
                    org.apache.commons.configuration2.PropertiesConfiguration.class)
                .configure(
                    new org.apache.commons.configuration2.builder.fluent.Parameters()
                        .fileBased()
                        .setFile(file.toFile()));
    commons.getConfiguration();
    OwnerSettings owner = org.aeonbits.owner.ConfigFactory.create(OwnerSettings.class);
    Loader loader = new Loader(List.of(ConfigFile.of(file.toString())));
    Registry registry = new Registry(loader.load());
    Item item = new Item();
    registry.constructed(item, Item.class);

    double[] commonsMs = new double[RUNS];
    double[] ownerMs = new double[RUNS];
    double[] hotconfMs = new double[RUNS];
    for (int r = -WARMUP; r < RUNS; r++) {
      int version = r + WARMUP + 1;
      // Commons Configuration notices a change by the file's modification time.
      Files.writeString(file, properties(100, version));
      Files.setLastModifiedTime(
          file, FileTime.fromMillis(System.currentTimeMillis() - 1000 + version));
      long t0 = System.nanoTime();
      commons.getReloadingController().checkForReloading(null);
      int c = commons.getConfiguration().getInt("bench.n");
      long t1 = System.nanoTime();
      owner.reload();
      int o = owner.n();
      long t2 = System.nanoTime();
      registry.commit(registry.plan(loader.load()));
      long t3 = System.nanoTime();
      if (c != version || o != version || item.n != version) {
        throw new IllegalStateException("a reload did not apply: " + c + " " + o + " " + item.n);
      }
      if (r < 0) continue;
      commonsMs[r] = (t1 - t0) / 1e6;
      ownerMs[r] = (t2 - t1) / 1e6;
      hotconfMs[r] = (t3 - t2) / 1e6;
    }
    return String.format(
        Locale.ROOT,
        "100 KB properties file, one bound instance, p50 / p99: hotconf %.2f / %.2f ms;"
            + " Commons Configuration reloading builder %.2f / %.2f ms; OWNER reload() %.2f / %.2f"
            + " ms%n",
        percentile(hotconfMs, 50),
        percentile(hotconfMs, 99),
        percentile(commonsMs, 50),
        percentile(commonsMs, 99),
        percentile(ownerMs, 50),
        percentile(ownerMs, 99));
  }

  private static String properties(int kb, int version) {
    StringBuilder text =
        new StringBuilder("bench.n = " + version + "\nbench.s = v" + version + "\n");
    for (int i = 0; text.length() < kb * 1024; i++) {
      text.append("filler.key").append(i).append(" = value number ").append(i).append('\n');
    }
    return text.toString();
  }

  private static String config(int kb, int version) {
    StringBuilder yaml = new StringBuilder("bench:\n  n: " + version + "\n  s: v" + version + "\n");
    int i = 0;
    while (yaml.length() < kb * 1024) {
      yaml.append("filler").append(i / 50).append(":\n");
      for (int j = 0; j < 50 && yaml.length() < kb * 1024; j++, i++) {
        yaml.append("  key").append(i).append(": value number ").append(i).append('\n');
      }
    }
    return yaml.toString();
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text);
    // An edit made "earlier": the loader lets files modified in the last 100 ms settle first.
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 1000));
  }

  private static String measure(Path out, int kb, int instances) throws Exception {
    Path file = out.resolve("latency-" + kb + "k.yaml");
    write(file, config(kb, 0));
    Loader loader = new Loader(List.of(ConfigFile.of(file.toString())));
    Registry registry = new Registry(loader.load());
    List<Item> items = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      Item item = new Item();
      registry.constructed(item, Item.class);
      items.add(item);
    }
    double[] parse = new double[RUNS];
    double[] reload = new double[RUNS];
    double[] load = new double[RUNS];
    double[] plan = new double[RUNS];
    double[] commit = new double[RUNS];
    for (int r = -WARMUP; r < RUNS; r++) {
      int version = r + WARMUP + 1;
      write(file, config(kb, version));
      long t0 = System.nanoTime();
      loader.load(); // parsing alone, the yardstick
      long t1 = System.nanoTime();
      Snapshot next = loader.load();
      long t2 = System.nanoTime();
      Plan p = registry.plan(next);
      long t3 = System.nanoTime();
      Commit c = registry.commit(p);
      long t4 = System.nanoTime();
      if (c.generation() < 2 || items.get(instances - 1).n != version) {
        throw new IllegalStateException("the reload did not apply");
      }
      if (r < 0) continue;
      parse[r] = (t1 - t0) / 1e6;
      load[r] = (t2 - t1) / 1e6;
      plan[r] = (t3 - t2) / 1e6;
      commit[r] = (t4 - t3) / 1e6;
      reload[r] = (t4 - t1) / 1e6;
    }
    double parse50 = percentile(parse, 50);
    double parse99 = percentile(parse, 99);
    double reload50 = percentile(reload, 50);
    double reload99 = percentile(reload, 99);
    return String.format(
        Locale.ROOT,
        "%5d KB %9d | %6.2f ms %6.2f ms | %7.2f ms %6.2f ms | %5.2f ms %5.2f ms %5.2f ms | %5.2fx %5.2fx%n",
        kb,
        instances,
        parse50,
        parse99,
        reload50,
        reload99,
        percentile(load, 50),
        percentile(plan, 50),
        percentile(commit, 50),
        reload50 / parse50,
        reload99 / parse99);
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
