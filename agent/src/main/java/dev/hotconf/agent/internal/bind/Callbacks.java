package dev.hotconf.agent.internal.bind;

import dev.hotconf.ReloadEvent;
import dev.hotconf.agent.internal.Log;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the {@code @OnReload} methods after a commit. Static ones run once per class whose fields
 * changed; instance ones once per affected object — an object is affected when a field it holds
 * changed, in its own class or a superclass — with every {@code @OnReload} method of its class
 * hierarchy, each once (an overridden method runs as its override). A class with callbacks but no
 * bound field anywhere in its hierarchy hears of every reload that changed a key. A callback that
 * throws is logged; the others still run.
 *
 * <p>Objects are visited where they are tracked, never copied: an object sits in the instance table
 * of every tracking class of its hierarchy, and is called from one of them only, the most derived.
 * Only classes whose hierarchy has instance callbacks are walked.
 */
final class Callbacks {
  private final Registry registry;

  /** Every instance {@code @OnReload} method of a class and its superclasses, overrides once. */
  private final ClassValue<List<Callback>> hierarchyCallbacks =
      new ClassValue<List<Callback>>() {
        @Override
        protected List<Callback> computeValue(Class<?> type) {
          List<Callback> out = new ArrayList<>();
          Set<String> signatures = new HashSet<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Callback callback : registry.bindingsOf(c).instanceCallbacks) {
              if (signatures.add(callback.signature())) out.add(callback);
            }
          }
          return List.copyOf(out);
        }
      };

  /** The most derived class of a hierarchy that tracks its instances. */
  private final ClassValue<Class<?>> trackedAs =
      new ClassValue<Class<?>>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (registry.bindingsOf(c).table() != null) return c;
          }
          return null;
        }
      };

  /** The callback running now, for the warning about one that blocks. */
  private volatile Callback running;

  Callbacks(Registry registry) {
    this.registry = registry;
  }

  /** The {@code @OnReload} method running now, or {@code null}. */
  String running() {
    Callback c = running;
    return c == null ? null : c.toString();
  }

  void run(Commit commit, ReloadEvent event) {
    boolean keysChanged = !event.changedKeys().isEmpty();
    Set<Class<?>> affected = new HashSet<>();
    for (ClassBindings cb : commit.affected) affected.add(cb.type);
    List<ClassBindings> statics = new ArrayList<>(commit.affected);
    if (keysChanged) {
      for (ClassBindings cb : commit.callbackOnly) {
        if (!boundInHierarchy(cb.type)) statics.add(cb);
      }
    }
    for (ClassBindings cb : statics) {
      for (Callback c : cb.staticCallbacks) call(c, null, event);
    }
    for (ClassBindings cb : registry.registered()) {
      InstanceTable table = cb.table();
      if (table == null || hierarchyCallbacks.get(cb.type).isEmpty()) continue;
      boolean heard =
          boundInHierarchy(cb.type) ? affectedInHierarchy(cb.type, affected) : keysChanged;
      if (!heard) continue;
      Class<?> walked = cb.type;
      table.forEachLive(
          new InstanceTable.Visitor() {
            @Override
            public void visit(Object instance, InstanceTable.Tracked entry) {
              Class<?> type = instance.getClass();
              if (trackedAs.get(type) != walked) return; // called from its most derived table
              for (Callback c : hierarchyCallbacks.get(type)) call(c, instance, event);
            }
          });
    }
  }

  private boolean boundInHierarchy(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (registry.bindingsOf(c).hasBindings()) return true;
    }
    return false;
  }

  private static boolean affectedInHierarchy(Class<?> type, Set<Class<?>> affected) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (affected.contains(c)) return true;
    }
    return false;
  }

  private void call(Callback callback, Object target, ReloadEvent event) {
    running = callback;
    try {
      callback.invoke(target, event);
    } catch (Throwable t) {
      Log.error(
          "@OnReload method " + callback + " threw; the reload stays applied, other callbacks ran",
          t);
    } finally {
      running = null;
    }
  }
}
