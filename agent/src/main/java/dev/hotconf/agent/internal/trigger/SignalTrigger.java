package dev.hotconf.agent.internal.trigger;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.natives.Natives;
import dev.hotconf.agent.internal.reload.Reloader;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reload signals. The handler only records the request: the JVM runs it on a new short-lived thread
 * per delivered signal, and the reload thread does the work. Signals go through {@code
 * sun.misc.Signal} ({@link SunMiscSignals}); on a runtime without the {@code jdk.unsupported}
 * module, through {@code jdk.internal.misc.Signal}, reached reflectively.
 *
 * <p>A signal that cannot work is said loudly, once, with the trigger to use instead: under {@code
 * nohup} the JVM keeps an inherited ignored {@code SIGHUP} ignored, so its disposition is put back
 * to the default first; under {@code -Xrs} no Java handler ever runs.
 */
public final class SignalTrigger {
  private SignalTrigger() {}

  /**
   * Installs a handler for each signal (names without {@code SIG}).
   *
   * @param inst to export {@code jdk.internal.misc} when {@code jdk.unsupported} is absent
   * @return the signals that will reach hotconf, as {@code SIGHUP}, {@code SIGUSR1}
   */
  public static List<String> install(
      List<String> signals, Instrumentation inst, Reloader reloader) {
    List<String> installed = new ArrayList<>();
    for (String name : signals) {
      String cause = "SIG" + name;
      Request request = new Request(reloader, cause);
      try {
        boolean ignored = handle(name, request, inst);
        if (ignored && resetToDefault(name)) {
          // With its disposition put back to the default, the JVM lets hotconf handle it.
          ignored = handle(name, request, inst);
          if (!ignored) {
            Log.info(cause + " was ignored when this JVM started (nohup?); hotconf handles it");
          }
        }
        if (!ignored) {
          installed.add(cause);
          continue;
        }
        Log.warn(
            cause
                + " was set to be ignored when this JVM started (nohup does this), and the JVM"
                + " keeps it ignored: kill -"
                + name
                + " will not reach hotconf"
                + ("HUP".equals(name) && signals.contains("USR1")
                    ? "; reload with kill -USR1, or start the JVM without nohup"
                    : "; start the JVM without nohup"));
      } catch (IllegalArgumentException e) {
        if (reducedSignalUsage()) {
          Log.warn(
              "this JVM runs with -Xrs: no Java signal handler ever runs, so no signal can reload"
                  + " the configuration"
                  + (signals.contains("HUP") ? ", and kill -HUP terminates the JVM" : "")
                  + "; reload with watch=true or the MBean's reload() (jconsole), or start the"
                  + " JVM without -Xrs");
          return List.of();
        }
        Log.warn(
            "cannot handle "
                + cause
                + " ("
                + e.getMessage()
                + "): kill -"
                + name
                + " will not reload"
                + ("HUP".equals(name) ? " and may terminate this JVM" : ""));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Log.warn(
            "this JVM offers no signal handling (" + e + "): kill -" + name + " will not reload");
      }
    }
    return installed;
  }

  /** Handles the signal; whether it was ignored before. */
  private static boolean handle(String name, Request request, Instrumentation inst)
      throws ReflectiveOperationException {
    try {
      return SunMiscSignals.handle(name, request);
    } catch (NoClassDefFoundError e) {
      return InternalSignals.handle(name, request, inst); // no jdk.unsupported module
    }
  }

  private static boolean resetToDefault(String name) {
    String failure = Natives.tryResetToDefault(name);
    if (failure != null) Log.warn("cannot reset the disposition of SIG" + name + ": " + failure);
    return failure == null;
  }

  /** Whether the JVM runs with -Xrs; asked only once a handler was refused, as it costs a bit. */
  private static boolean reducedSignalUsage() {
    try {
      return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xrs");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Records one request; what a signal handler runs. */
  private static final class Request implements Runnable {
    private final Reloader reloader;
    private final String cause;

    Request(Reloader reloader, String cause) {
      this.reloader = reloader;
      this.cause = cause;
    }

    @Override
    public void run() {
      reloader.request(cause);
    }
  }

  /** {@code jdk.internal.misc.Signal}, for a runtime linked without {@code jdk.unsupported}. */
  private static final class InternalSignals {
    static boolean handle(String name, Runnable onSignal, Instrumentation inst)
        throws ReflectiveOperationException {
      Module base = Object.class.getModule();
      inst.redefineModule(
          base,
          Set.of(),
          Map.of("jdk.internal.misc", Set.of(SignalTrigger.class.getModule())),
          Map.of(),
          Set.of(),
          Map.of());
      Class<?> signalClass = Class.forName("jdk.internal.misc.Signal");
      Class<?> handlerClass = Class.forName("jdk.internal.misc.Signal$Handler");
      Object ignored = handlerClass.getField("SIG_IGN").get(null);
      Constructor<?> newSignal = signalClass.getConstructor(String.class);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object handler =
          Proxy.newProxyInstance(
              SignalTrigger.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              new InvocationHandler() {
                @Override
                public Object invoke(Object proxy, Method method, Object[] args) {
                  switch (method.getName()) {
                    case "handle":
                      onSignal.run();
                      return null;
                    case "hashCode":
                      return System.identityHashCode(proxy);
                    case "equals":
                      return proxy == args[0];
                    default:
                      return "hotconf signal handler";
                  }
                }
              });
      try {
        return handle.invoke(null, newSignal.newInstance(name), handler) == ignored;
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof IllegalArgumentException) {
          throw (IllegalArgumentException) e.getCause();
        }
        throw e;
      }
    }
  }
}
