package dev.hotconf.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reload latency users meet: a {@link ReloadHost} JVM with the agent and a 1 KB YAML file; for
 * each reload the harness writes the new file to a temporary file beside it and renames it over the
 * configuration (as editors and deployment tools replace files), takes the time, runs {@code kill
 * -HUP}, and waits until the host reports that the last of its 100 {@code @OnReload} callbacks for
 * that reload has run. The latency is the host's time of that callback minus the time taken just
 * before {@code kill} started: it includes starting the {@code kill} process, delivering the
 * signal, the agent's reload (reading, parsing, converting, writing 100 fields) and the callbacks.
 *
 * <p>Then as many edit-and-signal reloads as fast as they go, each waiting for the previous one's
 * callbacks: reloads per second.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.EndToEndReload AGENT_JAR OUT_DIR
 * [--reloads 100] [--burst 500] [--pause-ms 20]}
 */
public final class EndToEndReload {
  private static final String USAGE =
      "EndToEndReload AGENT_JAR OUT_DIR [--reloads 100] [--burst 500] [--pause-ms 20]";

  /** The targets the figures are held against. */
  private static final double MAX_MEDIAN_MS = 10;

  private static final double MIN_PER_SECOND = 50;

  private static final long TIMEOUT_SECONDS = 30;

  private final Path config;
  private final Path temporary;
  private final String pid;
  private final BlockingQueue<String> done = new LinkedBlockingQueue<>();
  private final ArrayDeque<String> recent = new ArrayDeque<>(); // the host's last lines, for errors
  private int value;

  /** Times of the last reload, in ms after the time taken before {@code kill}. */
  private double killStarted;

  private double killExited;

  private EndToEndReload(Path config, Process host) {
    this.config = config;
    this.temporary = config.resolveSibling("." + config.getFileName() + ".tmp");
    this.pid = Long.toString(host.pid());
  }

  public static void main(String[] args) throws Exception {
    Harness.Args a = new Harness.Args(args);
    Path agent = Path.of(a.positional(0, USAGE)).toAbsolutePath();
    Path out = Path.of(a.positional(1, USAGE)).toAbsolutePath();
    int reloads = a.integer("reloads", 100);
    int burst = a.integer("burst", 500);
    int pauseMs = a.integer("pause-ms", 20);
    Files.createDirectories(out);
    Path config = out.resolve("e2e.yaml");
    Files.writeString(config, yaml(0));

    List<String> command =
        List.of(
            Harness.java(),
            "-javaagent:" + agent + "=config=" + config + ",signals=HUP,jmx=false",
            "-cp",
            Harness.classPath(),
            ReloadHost.class.getName());
    Process host = new ProcessBuilder(command).redirectErrorStream(true).start();
    EndToEndReload run = new EndToEndReload(config, host);
    try {
      run.start(host);

      double first = run.reload();
      double[] latency = new double[reloads];
      double[] started = new double[reloads];
      double[] exited = new double[reloads];
      for (int i = 0; i < reloads; i++) {
        Thread.sleep(pauseMs); // each reload alone, as users make them
        latency[i] = run.reload();
        started[i] = run.killStarted;
        exited[i] = run.killExited;
      }

      long b0 = System.nanoTime();
      for (int i = 0; i < burst; i++) run.reload();
      double burstSeconds = (System.nanoTime() - b0) / 1e9;
      double perSecond = burst / burstSeconds;

      double median = Harness.percentile(latency, 50);
      StringBuilder report = new StringBuilder();
      report.append(
          String.format(
              Locale.ROOT,
              "End to end: a 1 KB YAML file renamed into place, kill -HUP, until the last of %d"
                  + " @OnReload callbacks has run (%d reloads, %d ms apart)%n%n",
              ReloadHost.INSTANCES,
              reloads,
              pauseMs));
      report.append(
          String.format(
              Locale.ROOT,
              "%-34s %8s %8s %8s %8s%n",
              "ms after the time before kill",
              "median",
              "p90",
              "p99",
              "max"));
      row(report, "last callback done", latency);
      row(report, "kill's process started", started);
      row(report, "kill's process exited", exited);
      report.append(
          String.format(
              Locale.ROOT,
              "%nmedian %.2f ms (target <= %.0f ms: %s); the first reload after start: %.2f ms%n",
              median,
              MAX_MEDIAN_MS,
              Harness.verdict(median <= MAX_MEDIAN_MS),
              first));
      report.append(
          String.format(
              Locale.ROOT,
              "%d edit-and-signal reloads back to back: %.2f s, %.0f reloads/s (target >= %.0f/s:"
                  + " %s)%n",
              burst,
              burstSeconds,
              perSecond,
              MIN_PER_SECOND,
              Harness.verdict(perSecond >= MIN_PER_SECOND)));
      String summary =
          String.format(
              Locale.ROOT,
              "{\"reloads\": %d, \"medianMs\": %.2f, \"p90Ms\": %.2f, \"p99Ms\": %.2f, \"maxMs\":"
                  + " %.2f, \"firstMs\": %.2f, \"killStartedMedianMs\": %.2f,"
                  + " \"killExitedMedianMs\": %.2f, \"burst\": %d, \"reloadsPerSecond\": %.1f}",
              reloads,
              median,
              Harness.percentile(latency, 90),
              Harness.percentile(latency, 99),
              Harness.percentile(latency, 100),
              first,
              Harness.percentile(started, 50),
              Harness.percentile(exited, 50),
              burst,
              perSecond);
      report.append('\n').append(summary).append('\n');
      System.out.print(report);
      Harness.writeResults(out.resolve("end-to-end-reload.txt"), report.toString());
    } finally {
      host.getOutputStream().close(); // the host exits when its input closes
      if (!host.waitFor(10, TimeUnit.SECONDS)) host.destroyForcibly();
    }
  }

  private static void row(StringBuilder report, String name, double[] ms) {
    report.append(
        String.format(
            Locale.ROOT,
            "%-34s %8.2f %8.2f %8.2f %8.2f%n",
            name,
            Harness.percentile(ms, 50),
            Harness.percentile(ms, 90),
            Harness.percentile(ms, 99),
            Harness.percentile(ms, 100)));
  }

  /** Reads the host's output on a thread of its own; waits until the host is ready. */
  private void start(Process host) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(host.getInputStream()));
    BlockingQueue<String> ready = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("DONE ")) {
                    done.add(line);
                  } else if (line.startsWith("READY ")) {
                    ready.add(line);
                  } else {
                    synchronized (recent) {
                      if (recent.size() == 20) recent.removeFirst();
                      recent.addLast(line);
                    }
                  }
                }
              } catch (java.io.IOException e) {
                // the host is gone; a reload waiting for it times out and says so
              }
            },
            "host-output");
    reader.setDaemon(true);
    reader.start();
    String line = ready.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (line == null || !line.equals("READY 0"))
      fail("the host did not start as expected: " + line);
  }

  /**
   * One edit-and-signal reload: the next value renamed into place, {@code kill -HUP}, and the
   * host's report that its callbacks ran. Returns the latency in ms.
   */
  private double reload() throws Exception {
    value++;
    Files.writeString(temporary, yaml(value));
    Files.move(
        temporary, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    long t0 = System.nanoTime();
    Process kill = new ProcessBuilder("kill", "-HUP", pid).start();
    long t1 = System.nanoTime();
    int status = kill.waitFor();
    long t2 = System.nanoTime();
    if (status != 0) fail("kill -HUP " + pid + " failed with status " + status);
    String line = done.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (line == null) fail("no callbacks within " + TIMEOUT_SECONDS + " s of reload " + value);
    String[] f = line.split(" ");
    if (Integer.parseInt(f[2]) != value) {
      fail("the callbacks saw " + f[2] + ", the file said " + value + ": " + line);
    }
    killStarted = (t1 - t0) / 1e6;
    killExited = (t2 - t0) / 1e6;
    return (Long.parseLong(f[3]) - t0) / 1e6;
  }

  private void fail(String message) {
    List<String> lines;
    synchronized (recent) {
      lines = new ArrayList<>(recent);
    }
    throw new IllegalStateException(
        message + "; the host's last lines:\n" + String.join("\n", lines));
  }

  /** A 1 KB configuration whose bound value is {@code value}. */
  private static String yaml(int value) {
    StringBuilder yaml = new StringBuilder("e2e:\n  value: " + value + "\n");
    yaml.append("app:\n");
    for (int i = 0; yaml.length() < 1024 - 40; i++) {
      yaml.append("  setting").append(i).append(": some value ").append(i).append('\n');
    }
    return yaml.toString();
  }
}
