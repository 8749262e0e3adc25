package dev.hotconf.agent;

import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Options;
import dev.hotconf.agent.internal.StartupException;
import dev.hotconf.agent.internal.bind.Instrumenter;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.reload.Reloader;
import dev.hotconf.agent.internal.trigger.SignalTrigger;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's entry point. It does as little as possible on the application's start-up path: parse
 * the options, install the transformer and the signal handlers (which record requests), and start a
 * thread of its own ({@link Startup}) for the rest — reading the first configuration, starting the
 * reload thread, the watcher, the MBean. The first class that needs a binding waits for that
 * configuration, so no {@code @Reloadable} field is ever observed unbound.
 *
 * <p>Rules for this class and everything it reaches before {@code premain} returns, as they cost
 * every application its start-up time: load as few classes as possible (each costs the JVM most of
 * a millisecond here); no lambda, method reference, stream, regular expression, {@code
 * String.format} or indy string concatenation (the build compiles concatenation to {@code
 * StringBuilder}); no MBean, JFR, file watcher or native library; no logging (the application may
 * still choose its logging backend in {@code main}).
 */
public final class HotconfAgent {
  private HotconfAgent() {}

  /** Set once the agent runs in this JVM: a second attach must not start a second agent. */
  private static boolean started; // guarded by HotconfAgent.class

  /**
   * Called by the JVM for {@code -javaagent:hotconf-agent.jar=OPTIONS}. A bad option stops the JVM
   * with one message, as nginx refuses to start; so does a bad configuration, once it is read.
   *
   * @param args the agent options
   * @param inst the JVM's instrumentation
   */
  public static void premain(String args, Instrumentation inst) {
    startAgent(args, inst, false);
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
    startAgent(args, inst, true);
  }

  /** Both entry points: nothing thrown here may stop the application, except a user's mistake. */
  private static void startAgent(String args, Instrumentation inst, boolean late) {
    try {
      start(args, inst, late);
    } catch (Throwable t) {
      // One handler, tested with instanceof: a catch clause per type would load each class.
      if (t instanceof StartupException) {
        System.err.println((late ? "hotconf: not attached: " : "hotconf: ") + t.getMessage());
        System.err.flush();
        if (!late) System.exit(1);
        return;
      }
      // A bug of ours: the application runs without hotconf rather than not at all.
      System.err.println("hotconf: not started, the application runs without it: " + t);
      t.printStackTrace();
    }
  }

  private static void start(String args, Instrumentation inst, boolean late) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      throw StartupException.because(e.getMessage());
    }
    synchronized (HotconfAgent.class) {
      if (started) throw StartupException.because("hotconf already runs in this JVM");
      started = true;
    }
    Registry registry = new Registry();
    Bridge.install(registry);
    Reloader reloader = new Reloader(registry);
    if (late) {
      // A running JVM: read the configuration now, and leave the JVM alone if it is broken.
      String problem = Startup.loadNow(options, reloader);
      if (problem != null) {
        synchronized (HotconfAgent.class) {
          started = false;
        }
        throw StartupException.because("cannot start: " + problem + "; fix the configuration");
      }
    }
    inst.addTransformer(new Instrumenter(inst), false);
    if (late) {
      List<String> signals = SignalTrigger.install(options.signals(), inst, reloader, null);
      Startup.run(options, inst, reloader, signals, List.of(), true);
      return;
    }
    // Signals inherited as ignored (nohup) are taken back on the start thread: it takes jnr.
    List<String> ignored = new ArrayList<>(2);
    List<String> signals = SignalTrigger.install(options.signals(), inst, reloader, ignored);
    Thread thread =
        new Thread(
            new Runnable() {
              // Startup itself loads on this thread, with everything it names, not in premain.
              @Override
              public void run() {
                Startup.run(options, inst, reloader, signals, ignored, false);
              }
            },
            "hotconf-start");
    thread.setDaemon(true);
    thread.start();
  }
}
