package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.reload.Outcome;
import dev.hotconf.agent.internal.reload.Reloader;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/** The {@link ReloaderMXBean}, reading the reloader and the registry. */
public final class ReloaderBean implements ReloaderMXBean {
  /** How long {@link #reload()} waits for its outcome. */
  static final long RELOAD_TIMEOUT_MILLIS = 60_000;

  /** How often to look for the platform MBean server; a client waits longer than this. */
  static final long POLL_MILLIS = 100;

  private final Reloader reloader;
  private final Registry registry;
  private final List<String> files;
  private final List<String> triggers;

  public ReloaderBean(
      Reloader reloader, Registry registry, List<ConfigFile> files, List<String> triggers) {
    this.reloader = reloader;
    this.registry = registry;
    this.files = files.stream().map(ConfigFile::name).collect(Collectors.toList());
    this.triggers = List.copyOf(triggers);
  }

  /**
   * Registers the bean once the platform MBean server exists — when jconsole or {@code java -jar
   * hotconf-agent.jar status} connects, or the application uses JMX — rather than creating it at
   * start: that takes tens of milliseconds and initializes {@code java.util.logging}, which an
   * application may still want to configure in {@code main}. A daemon thread looks for the server
   * ten times a second, without creating it.
   */
  public void registerWhenJmxStarts() {
    Thread t =
        new Thread(
            () -> {
              try {
                while (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                  Thread.sleep(POLL_MILLIS);
                }
                register(ManagementFactory.getPlatformMBeanServer());
              } catch (InterruptedException e) {
                // the JVM is going away
              } catch (RuntimeException e) {
                Log.warn("cannot register the " + NAME + " MBean: " + e);
              }
            },
            "hotconf-jmx");
    t.setDaemon(true);
    t.start();
  }

  void register(MBeanServer server) {
    try {
      server.registerMBean(this, new ObjectName(NAME));
    } catch (JMException | RuntimeException e) {
      Log.warn("cannot register the " + NAME + " MBean: " + e);
    }
  }

  @Override
  public long getGeneration() {
    return registry.generation();
  }

  @Override
  public long getReloadsApplied() {
    return reloader.status().applied;
  }

  @Override
  public long getReloadsRejected() {
    return reloader.status().rejected;
  }

  @Override
  public long getRequestsServed() {
    return reloader.status().served;
  }

  @Override
  public boolean isReloadRunning() {
    return reloader.status().running;
  }

  @Override
  public String getLastOutcome() {
    Outcome last = reloader.status().last;
    return last == null ? "" : last.summary();
  }

  @Override
  public String getLastError() {
    Outcome last = reloader.status().lastRejected;
    return last == null ? "" : last.summary();
  }

  @Override
  public List<String> getConfigFiles() {
    return files;
  }

  @Override
  public int getBindings() {
    return registry.counts()[0];
  }

  @Override
  public int getLiveInstances() {
    return registry.counts()[1];
  }

  @Override
  public List<String> getTriggers() {
    return triggers;
  }

  @Override
  public String reload() {
    try {
      Outcome outcome = reloader.requestAndWait("jmx", RELOAD_TIMEOUT_MILLIS);
      return outcome == null
          ? "timeout: no reload ended within " + RELOAD_TIMEOUT_MILLIS / 1000 + " s"
          : outcome.summary();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
