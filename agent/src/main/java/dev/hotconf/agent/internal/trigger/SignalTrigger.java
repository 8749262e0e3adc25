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
   * Installs a handler for each signal (names without {@code SIG}). A signal the JVM inherited as
   * ignored ({@code nohup}) takes a native call to put back, which costs hundreds of milliseconds
   * of class loading: with {@code ignoredOut}, such signals are left ignored (a signal that arrives
   * meanwhile is dropped, as before) and added to it for {@link #takeBack} off the start-up path.
   *
   * @param inst to export {@code jdk.internal.misc} when {@code jdk.unsupported} is absent
   * @param ignoredOut where to put the signals left for {@link #takeBack}; {@code null} to take
   *     them back now
   * @return the signals that reach hotconf now, as {@code SIGHUP}, {@code SIGUSR1}
   */
  public static List<String> install(
      List<String> signals, Instrumentation inst, Reloader reloader, List<String> ignoredOut) {
    List<String> installed = new ArrayList<>();
    for (String name : signals) {
      Request request = new Request(reloader, "SIG" + name);
      try {
        boolean ignored = handle(name, request, inst);
        if (!ignored) {
          installed.add(request.cause);
        } else if (ignoredOut != null) {
          ignoredOut.add(name);
        } else if (takeBack(name, signals, request, inst)) {
          installed.add(request.cause);
        }
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
                + request.cause
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

  /**
   * Puts the disposition of signals left by {@link #install} back to the default and handles them.
   *
   * @param signals every signal asked for, for the advice given when one stays ignored
   * @return the signals that reach hotconf now
   */
  public static List<String> takeBack(
      List<String> ignored, List<String> signals, Instrumentation inst, Reloader reloader) {
    List<String> installed = new ArrayList<>();
    for (String name : ignored) {
      Request request = new Request(reloader, "SIG" + name);
      try {
        if (takeBack(name, signals, request, inst)) installed.add(request.cause);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Log.warn(
            "cannot handle " + request.cause + " (" + e + "): kill -" + name + " will not reload");
      }
    }
    return installed;
  }

  /** Whether an ignored signal could be put back to the default and is now handled. */
  private static boolean takeBack(
      String name, List<String> signals, Request request, Instrumentation inst)
      throws ReflectiveOperationException {
    if (resetToDefault(name) && !handle(name, request, inst)) {
      Log.info(request.cause + " was ignored when this JVM started (nohup?); hotconf handles it");
      return true;
    }
    Log.warn(
        request.cause
            + " was set to be ignored when this JVM started (nohup does this), and the JVM"
            + " keeps it ignored: kill -"
            + name
            + " will not reach hotconf"
            + ("HUP".equals(name) && signals.contains("USR1")
                ? "; reload with kill -USR1, or start the JVM without nohup"
                : "; start the JVM without nohup"));
    return false;
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
