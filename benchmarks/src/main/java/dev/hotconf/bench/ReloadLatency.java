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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.configuration2.FileBasedConfiguration;
import org.apache.commons.configuration2.JSONConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.YAMLConfiguration;
import org.apache.commons.configuration2.builder.ReloadingFileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;

/**
 * Reload latency, in process: load (read and parse), plan (convert every binding) and commit (write
 * the changed fields) for configuration files of 1 KB, 100 KB and 1 MB and 10, 1,000 and 100,000
 * bound instances, each reload changing the bound values; against parsing the same file alone,
 * measured in the same run. Then the peers' reload paths beside hotconf's on 100 KB files in each
 * format they share with hotconf (properties, YAML, JSON). p50 and p99 of 200 reloads after 50 to
 * warm up.
 *
 * <p>Usage: {@code java -cp benchmarks.jar:hotconf-agent.jar dev.hotconf.bench.ReloadLatency OUT
 * [--runs 200] [--warmup 50] [--only table|peers]}
 */
public final class ReloadLatency {
  private static final String USAGE =
      "ReloadLatency OUT [--runs 200] [--warmup 50] [--only table|peers]";

  private static final String HOTCONF = "hotconf reload";
  private static final String PARSE = "hotconf parsing alone";
  private static final int PEER_KB = 100;

  /** The targets the peers' comparison is held against. */
  private static final double MAX_PEER_RATIO = 0.8;

  private static final double MAX_PARSE_RATIO_P50 = 1.1;
  private static final double MAX_PARSE_RATIO_P99 = 1.3;

  /** The bound class: two fields per instance. */
  public static final class Item {
    @Reloadable("bench.n")
    int n;

    @Reloadable("bench.s")
    String s;
  }

  private ReloadLatency() {}

  public static void main(String[] args) throws Exception {
    Harness.Args a = new Harness.Args(args);
    Path out = Path.of(a.positional(0, USAGE)).toAbsolutePath();
    int runs = a.integer("runs", 200);
    int warmup = a.integer("warmup", 50);
    List<String> only = a.all("only");
    Files.createDirectories(out);
    StringBuilder report = new StringBuilder();
    if (only.isEmpty() || only.contains("table")) {
      report.append(
          String.format(
              Locale.ROOT,
              "p50 and p99 of %d reloads after %d of warm-up; parsing alone measured in the same"
                  + " loop%n",
              runs,
              warmup));
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
          report.append(measure(out, kb, instances, warmup, runs));
        }
      }
    }
    if (only.isEmpty() || only.contains("peers")) report.append(peers(out, warmup, runs));
    System.out.print(report);
    Harness.writeResults(out.resolve("reload-latency.txt"), report.toString());
  }

  /** OWNER, reloaded by hand. */
  @org.aeonbits.owner.Config.Sources("file:${bench.latency.file}")
  public interface OwnerSettings extends org.aeonbits.owner.Config, org.aeonbits.owner.Reloadable {
    @Key("bench.n")
    @DefaultValue("0")
    int n();
  }

  /** One reader of the peers' comparison: reloads the file and returns the value it now has. */
  private interface Reader {
    int reload() throws Exception;
  }

  /** The formats hotconf shares with a peer: extension and the 100 KB text of a version. */
  private enum Format {
    PROPERTIES("properties", PropertiesConfiguration.class),
    YAML("yaml", YAMLConfiguration.class),
    JSON("json", JSONConfiguration.class);

    final String extension;
    final Class<? extends FileBasedConfiguration> commons;

    Format(String extension, Class<? extends FileBasedConfiguration> commons) {
      this.extension = extension;
      this.commons = commons;
    }

    String text(int version) {
      switch (this) {
        case PROPERTIES:
          return properties(PEER_KB, version);
        case YAML:
          return config(PEER_KB, version);
        default:
          return json(PEER_KB, version);
      }
    }
  }

  /**
   * The peers' own reload paths, beside hotconf's reload of the same 100 KB file with one bound
   * instance, in each format they share with hotconf: Commons Configuration's reloading builder
   * (check, then the rebuilt configuration) for properties, YAML and JSON, and OWNER's {@code
   * reload()} for properties. The readers take turns, in an order that rotates every reload, so
   * that none always comes first after the write, nor always pays for the others' garbage;
   * hotconf's parsing alone takes its turn too, as the yardstick of its reload.
   */
  private static String peers(Path out, int warmup, int runs) throws Exception {
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "%nPeers: %d KB files, one bound value; p50 / p99 of %d reloads after %d of warm-up,"
                + " readers taking turns%n",
            PEER_KB,
            runs,
            warmup));
    report.append(
        String.format(Locale.ROOT, "%-11s %-40s %9s %9s%n", "format", "reader", "p50", "p99"));
    StringBuilder summary = new StringBuilder("{");
    for (Format format : Format.values()) {
      Path file = out.resolve("latency-peers-" + PEER_KB + "k." + format.extension);
      Files.writeString(file, format.text(0));

      Map<String, Reader> readers = new LinkedHashMap<>();
      Loader loader = new Loader(List.of(ConfigFile.of(file.toString())));
      Registry registry = new Registry(loader.load());
      Item item = new Item();
      registry.constructed(item, Item.class);
      readers.put(
          HOTCONF,
          () -> {
            registry.commit(registry.plan(loader.load()));
            return item.n;
          });
      readers.put(
          PARSE,
          () -> {
            loader.load();
            return -1; // nothing bound: what the reload reads is checked through hotconf's
          });
      ReloadingFileBasedConfigurationBuilder<? extends FileBasedConfiguration> commons =
          commons(format.commons, file);
      readers.put(
          "Commons Configuration reloading builder",
          () -> {
            commons.getReloadingController().checkForReloading(null);
            return commons.getConfiguration().getInt("bench.n");
          });
      if (format == Format.PROPERTIES) {
        System.setProperty("bench.latency.file", file.toString());
        OwnerSettings owner = org.aeonbits.owner.ConfigFactory.create(OwnerSettings.class);
        readers.put(
            "OWNER reload()",
            () -> {
              owner.reload();
              return owner.n();
            });
      }

      List<String> names = new ArrayList<>(readers.keySet());
      Map<String, double[]> ms = new LinkedHashMap<>();
      for (String name : names) ms.put(name, new double[runs]);
      long base = System.currentTimeMillis();
      for (int r = -warmup; r < runs; r++) {
        int version = r + warmup + 1;
        Files.writeString(file, format.text(version));
        // Commons notices a change by the file's modification time, in milliseconds: every
        // version gets its own.
        Files.setLastModifiedTime(file, FileTime.fromMillis(base + version));
        for (int j = 0; j < names.size(); j++) {
          String name = names.get(Math.floorMod(r + j, names.size()));
          long t0 = System.nanoTime();
          int seen = readers.get(name).reload();
          long t1 = System.nanoTime();
          if (seen != version && !name.equals(PARSE)) {
            throw new IllegalStateException(
                name + " read " + seen + " after version " + version + " of " + file.getFileName());
          }
          if (r >= 0) ms.get(name)[r] = (t1 - t0) / 1e6;
        }
      }

      double hot50 = Harness.percentile(ms.get(HOTCONF), 50);
      double hot99 = Harness.percentile(ms.get(HOTCONF), 99);
      String fastest = null;
      boolean p99Ahead = true;
      StringBuilder p99s = new StringBuilder();
      for (String name : names) {
        double p50 = Harness.percentile(ms.get(name), 50);
        double p99 = Harness.percentile(ms.get(name), 99);
        report.append(
            String.format(
                Locale.ROOT,
                "%-11s %-40s %6.2f ms %6.2f ms%n",
                name.equals(names.get(0)) ? format.extension : "",
                name,
                p50,
                p99));
        if (name.equals(HOTCONF) || name.equals(PARSE)) continue;
        if (fastest == null || p50 < Harness.percentile(ms.get(fastest), 50)) fastest = name;
        p99Ahead &= hot99 < p99;
        p99s.append(String.format(Locale.ROOT, "%s%.2f ms", p99s.length() == 0 ? "" : ", ", p99));
      }
      double ratio = hot50 / Harness.percentile(ms.get(fastest), 50);
      report.append(
          String.format(
              Locale.ROOT,
              "  hotconf p50 / fastest peer's (%s): %.2f (target <= %.1f: %s); hotconf p99 %.2f ms"
                  + " ahead of every peer's (%s): %s%n",
              fastest,
              ratio,
              MAX_PEER_RATIO,
              Harness.verdict(ratio <= MAX_PEER_RATIO),
              hot99,
              p99s,
              Harness.verdict(p99Ahead)));
      double parse50 = Harness.percentile(ms.get(PARSE), 50);
      double parse99 = Harness.percentile(ms.get(PARSE), 99);
      if (format == Format.YAML) {
        report.append(
            String.format(
                Locale.ROOT,
                "  hotconf reload / parsing alone: p50 %.2fx (target <= %.1fx: %s), p99 %.2fx"
                    + " (target <= %.1fx: %s)%n",
                hot50 / parse50,
                MAX_PARSE_RATIO_P50,
                Harness.verdict(hot50 / parse50 <= MAX_PARSE_RATIO_P50),
                hot99 / parse99,
                MAX_PARSE_RATIO_P99,
                Harness.verdict(hot99 / parse99 <= MAX_PARSE_RATIO_P99)));
      }
      summary.append(
          String.format(
              Locale.ROOT,
              "%s\"%s\": {\"hotconfP50\": %.2f, \"hotconfP99\": %.2f, \"parseP50\": %.2f,"
                  + " \"parseP99\": %.2f, \"fastestPeer\": \"%s\", \"fastestPeerP50\": %.2f,"
                  + " \"hotconfOverFastestPeerP50\": %.2f, \"p99AheadOfEveryPeer\": %b}",
              summary.length() == 1 ? "" : ", ",
              format.extension,
              hot50,
              hot99,
              parse50,
              parse99,
              fastest,
              Harness.percentile(ms.get(fastest), 50),
              ratio,
              p99Ahead));
    }
    report.append('\n').append(summary).append("}\n");
    return report.toString();
  }

  /** Commons Configuration's reloading builder of {@code file}, its configuration built once. */
  private static <T extends FileBasedConfiguration>
      ReloadingFileBasedConfigurationBuilder<T> commons(Class<T> type, Path file) throws Exception {
    ReloadingFileBasedConfigurationBuilder<T> builder =
        new ReloadingFileBasedConfigurationBuilder<>(type)
            .configure(
                new Parameters()
                    .fileBased()
                    .setFile(file.toFile())
                    // Check the file at every call: the reload is what is measured.
                    .setReloadingRefreshDelay(0L));
    builder.getConfiguration();
    return builder;
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

  /** The YAML configuration's content as JSON: the bound keys, then groups of filler keys. */
  private static String json(int kb, int version) {
    StringBuilder json =
        new StringBuilder("{\n  \"bench\": {\"n\": " + version + ", \"s\": \"v" + version + "\"}");
    int i = 0;
    while (json.length() < kb * 1024) {
      json.append(",\n  \"filler").append(i / 50).append("\": {");
      for (int j = 0; j < 50 && json.length() < kb * 1024; j++, i++) {
        json.append(j == 0 ? "\n" : ",\n");
        json.append("    \"key").append(i).append("\": \"value number ").append(i).append('"');
      }
      json.append("\n  }");
    }
    return json.append("\n}\n").toString();
  }

  private static String measure(Path out, int kb, int instances, int warmup, int runs)
      throws Exception {
    Path file = out.resolve("latency-" + kb + "k.yaml");
    Files.writeString(file, config(kb, 0));
    Loader loader = new Loader(List.of(ConfigFile.of(file.toString())));
    Registry registry = new Registry(loader.load());
    List<Item> items = new ArrayList<>(instances);
    for (int i = 0; i < instances; i++) {
      Item item = new Item();
      registry.constructed(item, Item.class);
      items.add(item);
    }
    double[] parse = new double[runs];
    double[] reload = new double[runs];
    double[] load = new double[runs];
    double[] plan = new double[runs];
    double[] commit = new double[runs];
    for (int r = -warmup; r < runs; r++) {
      int version = r + warmup + 1;
      Files.writeString(file, config(kb, version));
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
    double parse50 = Harness.percentile(parse, 50);
    double parse99 = Harness.percentile(parse, 99);
    double reload50 = Harness.percentile(reload, 50);
    double reload99 = Harness.percentile(reload, 99);
    return String.format(
        Locale.ROOT,
        "%5d KB %9d | %6.2f ms %6.2f ms | %7.2f ms %6.2f ms | %5.2f ms %5.2f ms %5.2f ms | %5.2fx %5.2fx%n",
        kb,
        instances,
        parse50,
        parse99,
        reload50,
        reload99,
        Harness.percentile(load, 50),
        Harness.percentile(plan, 50),
        Harness.percentile(commit, 50),
        reload50 / parse50,
        reload99 / parse99);
  }
}
