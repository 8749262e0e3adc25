package dev.hotconf.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Two readers of a {@code @Reloadable} field while the configuration is reloaded every 10 ms (the
 * file alternates between two values, and each reload writes the field): readers never wait for a
 * reload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReloadingReadBenchmark {
  private ScheduledExecutorService reloads;
  private volatile long applied;
  private long writes; // one thread at a time: set-up, then the reload thread

  @Setup(Level.Trial)
  public void startReloads() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.hotconf:type=Reloader");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.isRegistered(name)) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("no hotconf MBean");
      Thread.sleep(10);
    }
    Path config = Path.of(System.getProperty("bench.config"));
    // Two reloads before the readers start: the first reload of a JVM loads and compiles the
    // reload path, which on a loaded machine can outlast a short smoke-run iteration.
    for (int i = 0; i < 2; i++) {
      if (!reload(server, name, config)) throw new IllegalStateException("a reload failed");
    }
    reloads = Executors.newSingleThreadScheduledExecutor();
    reloads.scheduleAtFixedRate(
        () -> {
          try {
            if (reload(server, name, config)) applied++;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        10,
        10,
        TimeUnit.MILLISECONDS);
  }

  /** Writes the other value and reloads through the MBean; whether the reload was applied. */
  private boolean reload(MBeanServer server, ObjectName name, Path config) throws Exception {
    // 43, 42, 43, ...: every write differs from the one before, which the agent applies (a file
    // whose content is unchanged is not applied again).
    Files.writeString(config, "bench:\n  value: " + (43 - writes++ % 2) + "\n");
    Object outcome = server.invoke(name, "reload", new Object[0], new String[0]);
    return String.valueOf(outcome).startsWith("applied");
  }

  @TearDown(Level.Trial)
  public void stopReloads() throws Exception {
    reloads.shutdownNow();
    reloads.awaitTermination(10, TimeUnit.SECONDS);
    if (applied < 2) throw new IllegalStateException("no reload was applied: " + applied);
    System.out.println("reloads applied during the trial: " + applied);
  }

  @Benchmark
  @Threads(2)
  public int hotconfTwoReadersWhileReloading() {
    return ReadBenchmark.Settings.value;
  }
}
