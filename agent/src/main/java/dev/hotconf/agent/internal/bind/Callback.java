package dev.hotconf.agent.internal.bind;

import dev.hotconf.ReloadEvent;
import dev.hotconf.agent.internal.Names;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;

/** One {@code @OnReload} method, and how to hand it the event. */
final class Callback {
  final Method method;

  /** The parameter type, or {@code null} for a method without one. */
  private final Class<?> eventType;

  private Callback(Method method, Class<?> eventType) {
    this.method = method;
    this.eventType = eventType;
  }

  /**
   * The callback for {@code method}, or {@code null} with a reason if it cannot be one.
   *
   * @param reasons receives why the method cannot be called
   */
  static Callback of(Method method, List<String> reasons) {
    Class<?>[] params = method.getParameterTypes();
    if (params.length > 1
        || params.length == 1 && !params[0].getName().equals(Names.RELOAD_EVENT)) {
      reasons.add(
          "@OnReload method "
              + method.getDeclaringClass().getName()
              + "."
              + method.getName()
              + " is ignored: it must take no parameter or one ReloadEvent");
      return null;
    }
    method.setAccessible(true);
    return new Callback(method, params.length == 1 ? params[0] : null);
  }

  /** Calls the method on {@code target} ({@code null} for a static method). */
  void invoke(Object target, ReloadEvent event) throws Throwable {
    try {
      if (eventType == null) {
        method.invoke(target);
      } else {
        method.invoke(target, adapt(event));
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The application may carry its own copy of {@code ReloadEvent} (a fat jar, another class
   * loader): then it gets a proxy of its own interface.
   */
  private Object adapt(ReloadEvent event) {
    if (eventType.isInstance(event)) return event;
    return Proxy.newProxyInstance(
        eventType.getClassLoader(), new Class<?>[] {eventType}, new EventProxy(event));
  }

  /**
   * What identifies the method across a class hierarchy: name and parameters, or also the declaring
   * class for a private method, which nothing overrides.
   */
  String signature() {
    String base = method.getName() + Arrays.toString(method.getParameterTypes());
    return Modifier.isPrivate(method.getModifiers())
        ? method.getDeclaringClass().getName() + "#" + base
        : base;
  }

  @Override
  public String toString() {
    return method.getDeclaringClass().getName() + "." + method.getName();
  }

  /** Answers the application's own {@code ReloadEvent} interface from ours. */
  private static final class EventProxy implements InvocationHandler {
    private final ReloadEvent event;

    EventProxy(ReloadEvent event) {
      this.event = event;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) {
      switch (m.getName()) {
        case "generation":
          return event.generation();
        case "changedKeys":
          return event.changedKeys();
        case "cause":
          return event.cause();
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        default:
          return event.toString();
      }
    }
  }
}
