package dev.hotconf.agent;

import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Options;
import dev.hotconf.agent.internal.bind.Instrumenter;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import dev.hotconf.agent.internal.reload.Reloader;
import dev.hotconf.agent.internal.trigger.SignalTrigger;
import java.lang.instrument.Instrumentation;
import java.util.stream.Collectors;

/**
 * The agent's entry point. It does as little as possible: parse the options, load the first
 * snapshot, install the transformer, start the reload thread and install the triggers.
 */
public final class HotconfAgent {
  private HotconfAgent() {}

  /**
   * Called by the JVM for {@code -javaagent:hotconf-agent.jar=OPTIONS}.
   *
   * @param args the agent options
   * @param inst the JVM's instrumentation
   */
  public static void premain(String args, Instrumentation inst) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      fatal(e.getMessage());
      return;
    }
    Loader loader = new Loader(options.files());
    Snapshot first;
    try {
      first = loader.load();
    } catch (LoadException e) {
      String problems =
          e.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
      if (options.onError() == Options.OnError.EXIT) {
        fatal(
            "cannot start: "
                + problems
                + "; fix the configuration, or add on-error=warn to the agent options to start"
                + " with defaults");
        return;
      }
      Log.warn("starting with every field at its default: " + problems);
      first = Snapshot.EMPTY;
    }
    Registry registry = new Registry(first);
    Bridge.install(registry::initialized, registry::constructed);
    inst.addTransformer(new Instrumenter(inst), false);
    Reloader reloader = new Reloader(loader, registry);
    reloader.start();
    SignalTrigger.install(options.signals(), inst, reloader::request);
  }

  /**
   * Called when the agent is loaded into a running JVM: not supported yet.
   *
   * @param args the agent options
   * @param inst the JVM's instrumentation
   */
  public static void agentmain(String args, Instrumentation inst) {
    System.err.println(
        "hotconf: loading into a running JVM is not supported yet; start the JVM with"
            + " -javaagent:hotconf-agent.jar=config=...");
  }

  /** Stops the JVM with one message, as nginx refuses to start on a bad configuration. */
  private static void fatal(String message) {
    System.err.println("hotconf: " + message);
    System.err.flush();
    System.exit(1);
  }
}
