package dev.hotconf.agent.bridge;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one class instrumented code calls. It lives with the agent in the system class loader, which
 * every class loader that delegates to it can see; the agent instruments only classes whose loader
 * does. (Appending it to the bootstrap class path instead would switch off class data sharing for
 * the application's classes and print a JVM warning at every start.)
 */
public final class Bridge {
  private static volatile Consumer<Class<?>> initialized;
  private static volatile BiConsumer<Object, Class<?>> constructed;

  private Bridge() {}

  /**
   * Installs the agent's handlers; calls made before are ignored.
   *
   * @param onInitialized called with a class at the end of its static initializer
   * @param onConstructed called with the object and the declaring class at the end of a constructor
   */
  public static void install(
      Consumer<Class<?>> onInitialized, BiConsumer<Object, Class<?>> onConstructed) {
    constructed = onConstructed;
    initialized = onInitialized;
  }

  /**
   * Called at the end of the static initializer of a class with bindings.
   *
   * @param type the class being initialized
   */
  public static void initialized(Class<?> type) {
    Consumer<Class<?>> handler = initialized;
    if (handler != null) handler.accept(type);
  }

  /**
   * Called at the end of each constructor of a class with bindings.
   *
   * @param object the object just constructed
   * @param type the class whose constructor finished
   */
  public static void constructed(Object object, Class<?> type) {
    BiConsumer<Object, Class<?>> handler = constructed;
    if (handler != null) handler.accept(object, type);
  }
}
