package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.Quantities;
import dev.hotconf.agent.internal.load.Canonical;
import dev.hotconf.agent.internal.ops.ReloadView;
import dev.hotconf.agent.internal.ops.StatusView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status PID [--json] [--wait-hash HASH]}: what the agent in a JVM runs and has done. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the agent's state in a running JVM: generation and configuration hash, reload counts"
          + " and the last outcome, configuration files, bindings, live instances, triggers.",
      "With --wait-hash, waits until the JVM runs the configuration with that hash (as `hash`"
          + " prints it): what a rollout or a readiness check needs.",
      "Exit status: 0; with --wait-hash 0 once the hash is active, 1 when a reload that ended after"
          + " the command started was rejected and the hash is still not active; 2 on timeout,"
          + " or when the process or its agent cannot be reached."
    })
final class StatusCommand implements Callable<Integer> {
  /** How often --wait-hash looks. */
  private static final long POLL_MILLIS = 100;

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--wait-hash",
      paramLabel = "HASH",
      description = "Wait until the active configuration's hash is HASH (sha256:...).")
  String waitHash;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      paramLabel = "DURATION",
      description = "How long --wait-hash waits (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    long startedAt = System.currentTimeMillis();
    long timeoutMillis;
    try {
      timeoutMillis = Quantities.duration(timeout).toMillis();
    } catch (IllegalArgumentException | ArithmeticException e) {
      return fail("--timeout " + timeout + ": " + e.getMessage());
    }
    if (waitHash != null && !Canonical.isHash(waitHash)) {
      return fail(
          "--wait-hash " + waitHash + ": not a configuration hash (sha256: and 64 hex digits)");
    }
    try (AgentClient client = AgentClient.connect(target.pid())) {
      StatusView status = client.bean.getStatus();
      if (waitHash == null) {
        print(status);
        return 0;
      }
      long rejectedBefore = status.getReloadsRejected();
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (true) {
        if (waitHash.equals(status.getConfigHash())) return ended(status, 0);
        ReloadView last = status.getLastReload();
        boolean rejectedSince =
            status.getReloadsRejected() > rejectedBefore
                || last != null
                    && "rejected".equals(last.getOutcome())
                    && last.getAt() >= startedAt;
        if (rejectedSince) return ended(status, 1);
        if (System.nanoTime() > deadline) {
          spec.commandLine().getErr().println("hotconf: timeout: " + waitHash + " is not active");
          return ended(status, 2);
        }
        Thread.sleep(POLL_MILLIS);
        status = client.bean.getStatus();
      }
    } catch (AgentClient.Unreachable e) {
      return fail(e.getMessage());
    } catch (RuntimeException e) {
      return fail("lost the process while waiting (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  private int ended(StatusView status, int exit) {
    if (json) {
      print(status);
    } else {
      spec.commandLine().getOut().println(line(status));
    }
    return exit;
  }

  /** The one status line --wait-hash ends on. */
  static String line(StatusView s) {
    ReloadView last = s.getLastReload();
    return "pid "
        + s.getPid()
        + ": generation "
        + s.getGeneration()
        + ", "
        + s.getConfigHash()
        + "; last reload: "
        + (last == null ? "none" : last.getSummary());
  }

  private void print(StatusView s) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(s));
      return;
    }
    ReloadView last = s.getLastReload();
    out.println(
        "generation:      " + s.getGeneration() + " (applied " + time(s.getAppliedAt()) + ")");
    out.println("config hash:     " + s.getConfigHash());
    out.println(
        "reloads:         "
            + s.getReloadsApplied()
            + " applied, "
            + s.getReloadsRejected()
            + " rejected, "
            + s.getReloadsUnchanged()
            + " unchanged"
            + (s.isReloadRunning() ? ", one running" : ""));
    out.println("last reload:     " + (last == null ? "none" : last.getSummary()));
    if (s.getLastError() != null) out.println("last error:      " + s.getLastError());
    out.println("config files:    " + String.join(", ", s.getFiles()));
    out.println("bindings:        " + s.getBindings() + " fields");
    out.println("live instances:  " + s.getLiveInstances());
    out.println("triggers:        " + String.join(", ", s.getTriggers()));
    if (s.getFailedBindings() > 0) {
      out.println("failed bindings: " + s.getFailedBindings() + " (the log says why)");
    }
    for (String death : s.getAgentThreadDeaths()) out.println("agent thread:    " + death);
  }

  private static String time(long epochMillis) {
    return new Json().time(epochMillis).toString().replace("\"", "");
  }

  /** The object DESIGN.md fixes, plus what status adds about the agent's own health. */
  static String json(StatusView s) {
    Json j = new Json().begin();
    j.member("pid", s.getPid());
    j.member("generation", s.getGeneration());
    j.member("configHash", s.getConfigHash());
    j.key("appliedAt").time(s.getAppliedAt());
    j.key("lastReload");
    ReloadView last = s.getLastReload();
    if (last == null) {
      j.value((String) null);
    } else {
      j.begin();
      j.member("outcome", last.getOutcome());
      j.member("cause", last.getCause());
      j.member("generation", last.getGeneration());
      j.member("configHash", last.getConfigHash());
      j.key("changedKeys").strings(last.getChangedKeys());
      j.key("problems").strings(last.getProblems());
      j.key("durationMillis").value(last.getDurationMillis());
      j.key("at").time(last.getAt());
      j.end();
    }
    j.member("reloadsApplied", s.getReloadsApplied());
    j.member("reloadsRejected", s.getReloadsRejected());
    j.member("reloadsUnchanged", s.getReloadsUnchanged());
    j.key("reloadRunning").value(s.isReloadRunning());
    j.key("files").strings(s.getFiles());
    j.member("bindings", s.getBindings());
    j.member("liveInstances", s.getLiveInstances());
    j.key("triggers").strings(s.getTriggers());
    j.member("failedBindings", s.getFailedBindings());
    j.key("agentThreadDeaths").strings(s.getAgentThreadDeaths());
    return j.end().toString();
  }

  private int fail(String message) {
    spec.commandLine().getErr().println("hotconf: " + message);
    return 2;
  }
}
