package dev.hotconf.agent.bridge;

/**
 * The one class instrumented code calls. It lives with the agent in the system class loader, which
 * every class loader that delegates to it can see; the agent instruments only classes whose loader
 * does. (Appending it to the bootstrap class path instead would switch off class data sharing for
 * the application's classes and print a JVM warning at every start.)
 *
 * <p>These methods run on the application's threads, inside its static initializers and
 * constructors: they never throw, whatever happens behind them.
 */
public final class Bridge {
  /**
   * What the agent does when instrumented code reports. A class, not a lambda: no start-up cost.
   */
  public abstract static class Handler {
    /** A class's static initializer ends. */
    public abstract void initialized(Class<?> type);

    /** A constructor of {@code type} ends, for {@code object}. */
    public abstract void constructed(Object object, Class<?> type);
  }

  private static volatile Handler handler;

  private Bridge() {}

  /** Installs the agent's handler; reports made before are ignored. */
  public static void install(Handler agent) {
    handler = agent;
  }

  /**
   * Called at the end of the static initializer of a class with bindings.
   *
   * @param type the class being initialized
   */
  public static void initialized(Class<?> type) {
    Handler h = handler;
    if (h == null) return;
    try {
      h.initialized(type);
    } catch (Throwable ignored) {
      // the handler reports its own failures; this is the last guard of the application's thread
    }
  }

  /**
   * Called at the end of each constructor of a class with bindings.
   *
   * @param object the object just constructed
   * @param type the class whose constructor finished
   */
  public static void constructed(Object object, Class<?> type) {
    Handler h = handler;
    if (h == null) return;
    try {
      h.constructed(object, type);
    } catch (Throwable ignored) {
      // the handler reports its own failures; this is the last guard of the application's thread
    }
  }
}
