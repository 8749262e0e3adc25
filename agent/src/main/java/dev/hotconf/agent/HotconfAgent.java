package dev.hotconf.agent;

import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Options;
import dev.hotconf.agent.internal.bind.Instrumenter;
import dev.hotconf.agent.internal.bind.LateAttach;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import dev.hotconf.agent.internal.ops.Pidfile;
import dev.hotconf.agent.internal.ops.ReloaderBean;
import dev.hotconf.agent.internal.ops.SystemdNotifier;
import dev.hotconf.agent.internal.reload.Reloader;
import dev.hotconf.agent.internal.trigger.FileWatcher;
import dev.hotconf.agent.internal.trigger.SignalTrigger;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The agent's entry point. It does as little as possible: parse the options, load the first
 * snapshot, install the transformer, start the reload thread and install the triggers.
 */
public final class HotconfAgent {
  private HotconfAgent() {}

  /** Set once the agent runs in this JVM: a second attach must not start a second agent. */
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  /**
   * Called by the JVM for {@code -javaagent:hotconf-agent.jar=OPTIONS}. A bad option or
   * configuration stops the JVM with one message, as nginx refuses to start.
   *
   * @param args the agent options
   * @param inst the JVM's instrumentation
   */
  public static void premain(String args, Instrumentation inst) {
    try {
      start(args, inst, false);
    } catch (IllegalArgumentException e) {
      System.err.println("hotconf: " + e.getMessage());
      System.err.flush();
      System.exit(1);
    }
  }

  /**
   * Called when the agent is loaded into a running JVM. It binds the static fields of the classes
   * already loaded and every object constructed from now on; a problem is reported and the
   * application is left as it was, never stopped.
   *
   * @param args the agent options
   * @param inst the JVM's instrumentation
   */
  public static void agentmain(String args, Instrumentation inst) {
    try {
      start(args, inst, true);
    } catch (IllegalArgumentException e) {
      System.err.println("hotconf: not attached: " + e.getMessage());
    }
  }

  private static void start(String args, Instrumentation inst, boolean late) {
    Options options = Options.parse(args);
    if (!STARTED.compareAndSet(false, true)) {
      throw new IllegalArgumentException("hotconf already runs in this JVM");
    }
    Loader loader = new Loader(options.files(), options.limits());
    Snapshot first;
    try {
      first = loader.load();
    } catch (LoadException e) {
      String problems =
          e.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
      if (options.onError() == Options.OnError.EXIT || late) {
        STARTED.set(false);
        throw new IllegalArgumentException(
            "cannot start: "
                + problems
                + "; fix the configuration"
                + (late
                    ? ""
                    : ", or add on-error=warn to the agent options to start with defaults"));
      }
      Log.warn("starting with every field at its default: " + problems);
      first = Snapshot.EMPTY;
    }
    Registry registry = new Registry(first);
    Bridge.install(registry::initialized, registry::constructed);
    inst.addTransformer(new Instrumenter(inst), false);
    if (late) LateAttach.bindLoadedClasses(inst, registry);
    Reloader reloader =
        new Reloader(loader, registry, options.verbose(), options.callbackTimeout());
    SystemdNotifier notifier = SystemdNotifier.startIfNotified(registry.generation());
    if (notifier != null) reloader.addListener(notifier);
    reloader.start();
    List<String> triggers =
        new ArrayList<>(SignalTrigger.install(options.signals(), inst, reloader::request));
    if (options.watch()) {
      FileWatcher.start(
          options.files().stream().map(ConfigFile::path).collect(Collectors.toList()),
          reloader::request);
      triggers.add("file-watch");
    }
    if (options.jmx()) {
      triggers.add("jmx");
      new ReloaderBean(reloader, registry, options.files(), triggers).registerWhenJmxStarts();
    }
    if (options.pidfile() != null) Pidfile.write(options.pidfile());
  }
}
