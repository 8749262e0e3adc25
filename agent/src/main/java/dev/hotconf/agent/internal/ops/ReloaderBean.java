package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.AgentThreads;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Secrets;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import dev.hotconf.agent.internal.reload.CandidateCheck;
import dev.hotconf.agent.internal.reload.Changes;
import dev.hotconf.agent.internal.reload.Outcome;
import dev.hotconf.agent.internal.reload.Reloader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  public ReloaderBean(Reloader reloader, List<ConfigFile> files, List<String> triggers) {
    this.reloader = reloader;
    this.registry = reloader.registry();
    List<String> paths = new ArrayList<>();
    for (ConfigFile f : files) paths.add(f.path().toString());
    this.files = List.copyOf(paths);
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
    AgentThreads.start(
        "hotconf-jmx",
        new Runnable() {
          @Override
          public void run() {
            try {
              while (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                Thread.sleep(POLL_MILLIS);
              }
            } catch (InterruptedException e) {
              return; // the JVM is going away
            }
            register(ManagementFactory.getPlatformMBeanServer());
          }
        });
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
  public String getConfigHash() {
    return registry.current().snapshot.hash();
  }

  @Override
  public boolean isLastReloadSuccessful() {
    Outcome last = reloader.status().last;
    return last == null || last.kind() != Outcome.Kind.REJECTED;
  }

  @Override
  public long getLastReloadTime() {
    Outcome last = reloader.status().last;
    return last == null ? 0 : last.endedAt();
  }

  @Override
  public long getLastAppliedTime() {
    return reloader.status().lastAppliedAt;
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
  public long getReloadsUnchanged() {
    return reloader.status().unchanged;
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
    return registry.counts().fields;
  }

  @Override
  public int getLiveInstances() {
    return registry.counts().liveInstances;
  }

  @Override
  public List<String> getTriggers() {
    return triggers;
  }

  @Override
  public StatusView getStatus() {
    Reloader.Status s = reloader.status();
    Registry.Current current = registry.current();
    Registry.BindingCounts counts = registry.counts();
    return new StatusView(
        ProcessHandle.current().pid(),
        current.generation,
        current.snapshot.hash(),
        current.appliedAt,
        ReloadView.of(s.last),
        s.lastRejected == null ? null : s.lastRejected.summary(),
        s.applied,
        s.rejected,
        s.unchanged,
        s.running,
        files,
        counts.fields,
        counts.liveInstances,
        triggers,
        AgentThreads.deaths(),
        registry.failedReports());
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

  @Override
  public long requestTicket() {
    return reloader.ticket();
  }

  @Override
  public ReloadView awaitReload(long ticket, long timeoutMillis) {
    try {
      return ReloadView.of(reloader.awaitServed(ticket, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public CheckView check(List<String> candidates) {
    CandidateCheck check =
        CandidateCheck.run(
            reloader.loader(), registry, candidates == null ? List.of() : candidates);
    List<String> problems = new ArrayList<>();
    for (Problem p : check.problems()) problems.add(p.toString());
    return new CheckView(check.wouldApply(), check.candidateHash(), check.changes(), problems);
  }

  @Override
  public List<ConfigEntryView> getConfig() {
    Snapshot active = registry.current().snapshot;
    Map<String, List<String>> fields = registry.fieldsByKey(active);
    List<ConfigEntryView> out = new ArrayList<>();
    for (Map.Entry<String, Node> leaf : active.leafNodes().entrySet()) {
      String key = leaf.getKey();
      List<String> bound = fields.getOrDefault(key, List.of());
      // Unbound keys are masked too: a typo in a secret key must not reveal the secret.
      boolean hidden = Secrets.isSecret(key) || bound.isEmpty();
      Node node = leaf.getValue();
      out.add(
          new ConfigEntryView(
              key,
              Changes.shown(hidden, node),
              node.origin() == null ? "" : node.origin().toString(),
              bound));
    }
    return out;
  }
}
