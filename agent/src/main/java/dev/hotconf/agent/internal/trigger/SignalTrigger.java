package dev.hotconf.agent.internal.trigger;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.natives.Natives;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reload signals, through {@code sun.misc.Signal} (module {@code jdk.unsupported}), reached
 * reflectively so that the agent compiles without warnings on any JDK. The handler only records the
 * request: the JVM runs it on a new short-lived thread per delivered signal, and the reload thread
 * does the work.
 */
public final class SignalTrigger {
  private SignalTrigger() {}

  private static boolean resetToDefault(String name) {
    try {
      Natives.resetToDefault(name);
      return true;
    } catch (Natives.Unavailable e) {
      Log.warn("cannot reset the disposition of SIG" + name + ": " + e.getMessage());
      return false;
    }
  }

  /** Whether the JVM runs with -Xrs; asked only once a handler was refused, as it costs a bit. */
  private static boolean reducedSignalUsage() {
    try {
      return java.lang.management.ManagementFactory.getRuntimeMXBean()
          .getInputArguments()
          .contains("-Xrs");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Installs a handler for each signal (names without {@code SIG}); one that cannot work is
   * reported with the reason and what to use instead.
   *
   * @param inst to export {@code jdk.internal.misc} when {@code jdk.unsupported} is absent
   * @param request receives {@code "SIGHUP"} etc. for each delivered signal
   * @return the signals that will reach hotconf, as {@code SIGHUP}, {@code SIGUSR1}
   */
  public static List<String> install(
      List<String> signals, Instrumentation inst, Consumer<String> request) {
    List<String> installed = new ArrayList<>();
    if (signals.isEmpty()) return installed;
    Class<?> signalClass;
    Class<?> handlerClass;
    Constructor<?> newSignal;
    Method handle;
    Object ignored;
    try {
      try {
        signalClass = Class.forName("sun.misc.Signal");
        handlerClass = Class.forName("sun.misc.SignalHandler");
        ignored = handlerClass.getField("SIG_IGN").get(null);
      } catch (ClassNotFoundException e) {
        Module base = Object.class.getModule();
        inst.redefineModule(
            base,
            Set.of(),
            Map.of("jdk.internal.misc", Set.of(SignalTrigger.class.getModule())),
            Map.of(),
            Set.of(),
            Map.of());
        signalClass = Class.forName("jdk.internal.misc.Signal");
        handlerClass = Class.forName("jdk.internal.misc.Signal$Handler");
        ignored = handlerClass.getField("SIG_IGN").get(null);
      }
      newSignal = signalClass.getConstructor(String.class);
      handle = signalClass.getMethod("handle", signalClass, handlerClass);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Log.warn("this JVM offers no signal handling (" + e + "): kill -HUP will not reload");
      return installed;
    }
    for (String name : signals) {
      String cause = "SIG" + name;
      Object handler =
          Proxy.newProxyInstance(
              SignalTrigger.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "handle":
                    request.accept(cause);
                    return null;
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == args[0];
                  default:
                    return "hotconf " + cause + " handler";
                }
              });
      try {
        Object signal = newSignal.newInstance(name);
        Object previous = handle.invoke(null, signal, handler);
        if (previous == ignored && resetToDefault(name)) {
          // The JVM keeps an inherited ignored signal ignored; with its disposition put back to
          // the default, it lets hotconf handle it.
          previous = handle.invoke(null, signal, handler);
          if (previous != ignored) {
            Log.info(cause + " was ignored when this JVM started (nohup?); hotconf handles it");
          }
        }
        if (previous != ignored) installed.add(cause);
        if (previous == ignored) {
          Log.warn(
              cause
                  + " was set to be ignored when this JVM started (nohup does this), and the JVM"
                  + " keeps it ignored: kill -"
                  + name
                  + " will not reach hotconf"
                  + ("HUP".equals(name) && signals.contains("USR1")
                      ? "; reload with kill -USR1, or start the JVM without nohup"
                      : "; start the JVM without nohup"));
        }
      } catch (InvocationTargetException e) {
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
                + e.getCause().getMessage()
                + "): kill -"
                + name
                + " will not reload"
                + ("HUP".equals(name) ? " and may terminate this JVM" : ""));
      } catch (ReflectiveOperationException e) {
        Log.warn("cannot handle " + cause + " (" + e + "): kill -" + name + " will not reload");
      }
    }
    return installed;
  }
}
