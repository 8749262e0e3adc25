package dev.hotconf.agent.internal.bind;

import dev.hotconf.ReloadEvent;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The classes with bindings and the configuration they are bound to. Classes register when they are
 * initialized or first constructed (<em>register → bind</em>); a reload computes a {@link Plan} and
 * commits it here.
 *
 * <p>Locking: the commit lock orders reloads against class registration, so a class never binds
 * from a snapshot that is being replaced; each class's monitor orders field writes against the
 * registration of its instances.
 */
public final class Registry {
  private final Object commitLock = new Object();
  private final List<WeakReference<ClassBindings>> classes = new ArrayList<>(); // commitLock

  private final ClassValue<ClassBindings> bindings =
      new ClassValue<>() {
        @Override
        protected ClassBindings computeValue(Class<?> type) {
          return ClassBindings.of(type, loadedBeforeAgent.contains(type));
        }
      };

  /** Classes loaded before a late attach, whose field modifiers the agent could not change. */
  private final Set<Class<?>> loadedBeforeAgent =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Marks classes as loaded before the agent attached: their final fields cannot be bound. */
  void loadedBeforeAgent(Set<Class<?>> classes) {
    loadedBeforeAgent.addAll(classes);
  }

  /** Where the weak references of collected instances arrive, for the cleaner thread. */
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  private final AtomicBoolean cleanerStarted = new AtomicBoolean();

  /** The active snapshot and its generation, replaced together. */
  private volatile Active active;

  public Registry(Snapshot first) {
    this.active = new Active(first, 1);
  }

  public Snapshot snapshot() {
    return active.snapshot;
  }

  public long generation() {
    return active.generation;
  }

  /** Called at the end of a class's static initializer: binds its static fields. */
  public void initialized(Class<?> type) {
    try {
      ClassBindings cb = bindings.get(type);
      register(cb);
      cb.bindStatics();
    } catch (RuntimeException | LinkageError e) {
      Log.error("cannot bind the static fields of " + type.getName(), e);
    }
  }

  /** Called at the end of a constructor: binds the object's fields and tracks it weakly. */
  public void constructed(Object object, Class<?> type) {
    try {
      ClassBindings cb = bindings.get(type);
      register(cb);
      if (!cleanerStarted.get()) startCleaner();
      cb.bindInstance(object, collected);
    } catch (RuntimeException | LinkageError e) {
      Log.error("cannot bind the fields of a new " + type.getName(), e);
    }
  }

  /**
   * Starts the daemon thread that tells each class of its collected instances, so the registry
   * shrinks as the application drops objects, with no work on the application's threads.
   */
  private void startCleaner() {
    if (!cleanerStarted.compareAndSet(false, true)) return;
    Thread cleaner =
        new Thread(
            () -> {
              while (true) {
                try {
                  ((ClassBindings.Tracked) collected.remove()).owner.cleared();
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  Log.error("hotconf's cleaner failed on one instance; it goes on", e);
                }
              }
            },
            "hotconf-cleaner");
    cleaner.setDaemon(true);
    cleaner.start();
  }

  /**
   * Registers a class the first time it is seen, with values converted from the active snapshot.
   * Conversion runs outside the commit lock (it may initialize enum classes); if a reload commits
   * meanwhile, it is done again from the new snapshot.
   */
  private void register(ClassBindings cb) {
    if (cb.registered) return;
    while (true) {
      Active seen = active;
      List<Problem> problems = new ArrayList<>();
      Values values = convert(cb, seen.snapshot, problems);
      synchronized (commitLock) {
        if (cb.registered) return;
        if (active != seen) continue;
        cb.setApplied(values);
        classes.add(new WeakReference<>(cb)); // an unloaded class leaves
        cb.registered = true;
      }
      for (String warning : cb.warnings) Log.warn(warning);
      for (Problem p : problems) {
        Log.warn(p + "; the field keeps its default until a reload fixes the value");
      }
      return;
    }
  }

  static Values convert(ClassBindings cb, Snapshot snapshot, List<Problem> problems) {
    List<FieldBinding> all = cb.all();
    Values values = new Values(all.size());
    for (int i = 0; i < all.size(); i++) {
      FieldBinding b = all.get(i);
      Node node = snapshot.find(b.path);
      values.values[i] = FieldBinding.ABSENT;
      if (node == null) continue;
      try {
        values.values[i] = Converter.convert(node, b.type, b.secret);
        values.texts[i] = node.render();
      } catch (ConversionException e) {
        problems.add(
            new Problem(
                e.origin(), b.path + e.subPath() + ": " + e.getMessage() + " (field " + b + ")"));
      } catch (RuntimeException | LinkageError e) {
        // e.g. an enum whose static initializer fails: a problem with this value, not a crash
        problems.add(
            new Problem(node.origin(), b.path + ": cannot convert: " + e + " (field " + b + ")"));
      }
    }
    return values;
  }

  /** Converts every binding's value under {@code next}, collecting every problem. */
  public Plan plan(Snapshot next) {
    IdentityHashMap<ClassBindings, Values> values = new IdentityHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (ClassBindings cb : registered()) values.put(cb, convert(cb, next, problems));
    return new Plan(next, values, problems);
  }

  /**
   * Writes the plan's changed values and makes its snapshot active, as the next generation.
   *
   * @throws IllegalArgumentException if the plan has problems
   */
  public Commit commit(Plan plan) {
    if (!plan.problems().isEmpty()) throw new IllegalArgumentException("plan has problems");
    List<ClassBindings> affected = new ArrayList<>();
    List<ClassBindings> listeners = new ArrayList<>();
    List<Problem> late = new ArrayList<>();
    Active previous;
    synchronized (commitLock) {
      previous = active;
      for (ClassBindings cb : registered()) {
        Values values = plan.values.get(cb);
        // A class that registered after planning bound from the old snapshot: plan it now.
        if (values == null) values = convert(cb, plan.snapshot, late);
        if (cb.write(values)) affected.add(cb);
        else if (!cb.hasBindings()) listeners.add(cb);
      }
      active = new Active(plan.snapshot, previous.generation + 1);
    }
    for (Problem p : late) Log.warn(p + "; the field keeps its default until a reload fixes it");
    return new Commit(active.generation, previous.snapshot, affected, listeners);
  }

  /**
   * Runs the {@code @OnReload} methods after a commit. Static ones run once per class whose fields
   * changed; instance ones once per affected object — an object is affected when a field it holds
   * changed, in its own class or a superclass — with every {@code @OnReload} method of its class
   * hierarchy, each once (an overridden method runs as its override). A class that has callbacks
   * but no bound field anywhere in its hierarchy hears of every reload that changed a key. A
   * callback that throws is logged; the others still run.
   */
  public void runCallbacks(Commit commit, ReloadEvent event) {
    List<ClassBindings> targets = new ArrayList<>(commit.affected);
    if (!event.changedKeys().isEmpty()) {
      for (ClassBindings cb : commit.listeners) {
        if (!boundInHierarchy(cb.type)) targets.add(cb);
      }
    }
    IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> objects = new ArrayList<>();
    for (ClassBindings cb : targets) {
      for (Callback c : cb.staticCallbacks) call(c, null, event);
      if (!cb.tracksInstances()) continue;
      for (Object object : cb.liveInstances()) {
        if (seen.put(object, Boolean.TRUE) == null) objects.add(object);
      }
    }
    for (Object object : objects) {
      for (Callback c : hierarchyCallbacks.get(object.getClass())) call(c, object, event);
    }
  }

  private boolean boundInHierarchy(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (bindings.get(c).hasBindings()) return true;
    }
    return false;
  }

  /** Every instance {@code @OnReload} method of a class and its superclasses, overrides once. */
  private final ClassValue<List<Callback>> hierarchyCallbacks =
      new ClassValue<>() {
        @Override
        protected List<Callback> computeValue(Class<?> type) {
          List<Callback> out = new ArrayList<>();
          java.util.Set<String> signatures = new java.util.HashSet<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Callback callback : bindings.get(c).instanceCallbacks) {
              if (signatures.add(callback.signature())) out.add(callback);
            }
          }
          return List.copyOf(out);
        }
      };

  /** The callback running now, for the warning about one that blocks. */
  private volatile Callback runningCallback;

  /** The {@code @OnReload} method running now, or {@code null}. */
  public String runningCallback() {
    Callback c = runningCallback;
    return c == null ? null : c.toString();
  }

  private void call(Callback callback, Object target, ReloadEvent event) {
    runningCallback = callback;
    try {
      callback.invoke(target, event);
    } catch (Throwable t) {
      Log.error(
          "@OnReload method " + callback + " threw; the reload stays applied, other callbacks ran",
          t);
    } finally {
      runningCallback = null;
    }
  }

  /** The keys of {@code snapshot} that bind to no field of the classes registered so far. */
  public List<Problem> unknownKeys(Snapshot snapshot) {
    return UnknownKeys.find(snapshot, allBindings());
  }

  /** The keys among {@code paths} that bind to a field of the classes registered so far. */
  public Set<String> bound(Set<String> paths) {
    return UnknownKeys.bound(paths, allBindings());
  }

  private List<FieldBinding> allBindings() {
    List<FieldBinding> all = new ArrayList<>();
    for (ClassBindings cb : registered()) all.addAll(cb.all());
    return all;
  }

  /** The live registered classes, dropping those that were unloaded. */
  private List<ClassBindings> registered() {
    synchronized (commitLock) {
      List<ClassBindings> out = new ArrayList<>(classes.size());
      for (Iterator<WeakReference<ClassBindings>> it = classes.iterator(); it.hasNext(); ) {
        ClassBindings cb = it.next().get();
        if (cb == null) it.remove();
        else out.add(cb);
      }
      return out;
    }
  }

  /** The number of bound fields and of tracked live instances, for status reports. */
  public int[] counts() {
    int fields = 0;
    int instances = 0;
    for (ClassBindings cb : registered()) {
      fields += cb.statics.size() + cb.instances.size();
      instances += cb.liveCount();
    }
    return new int[] {fields, instances};
  }

  private static final class Active {
    final Snapshot snapshot;
    final long generation;

    Active(Snapshot snapshot, long generation) {
      this.snapshot = snapshot;
      this.generation = generation;
    }
  }
}
