package dev.hotconf.agent.internal.bind;

import dev.hotconf.ReloadEvent;
import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * <em>Register → bind</em>, and the registry of bound classes that a reload plans and commits
 * against. Instrumented classes report here through the {@link Bridge}: a class at the end of its
 * static initializer, an object at the end of each constructor. The first report of a class
 * registers it, with values converted from the current snapshot; until the agent has read its first
 * configuration, that waits for it, so no bound field is ever seen unbound.
 *
 * <p>Nothing thrown here reaches the application: a report that fails, even with an {@code
 * OutOfMemoryError}, leaves that class or object unbound, says so once, and returns normally.
 *
 * <p>Locking: one lock orders class registration against commits, so a class never registers with
 * values from a snapshot that is being replaced. Constructors take no lock shared between
 * constructing threads (see {@link ClassBindings} and {@link InstanceTable}).
 */
public final class Registry extends Bridge.Handler {
  /** Warnings about failed reports without a class to remember them by. */
  private static final int MAX_UNATTRIBUTED_WARNINGS = 20;

  private final Object lock = new Object();
  private final List<WeakReference<ClassBindings>> classes = new ArrayList<>(); // lock

  /** The active snapshot and its generation; {@code null} until the first configuration is read. */
  private volatile Current current; // written under lock

  private final ClassValue<ClassBindings> bindings =
      new ClassValue<ClassBindings>() {
        @Override
        protected ClassBindings computeValue(Class<?> type) {
          return AnnotationScan.scan(type, loadedBeforeAgent.contains(type));
        }
      };

  /** Classes loaded before a late attach, whose field modifiers the agent could not change. */
  private final Set<Class<?>> loadedBeforeAgent =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Made at the first reload, not in premain. */
  private volatile Callbacks callbacks;

  // Plain fields under the lock rather than atomics, whose VarHandles would load in premain.
  private boolean sweeperStarted; // lock
  private volatile long failedReports; // written under failures
  private int unattributedWarnings; // failures

  /** Guards the failure counters; taken only when a report fails. */
  private final Object failures = new Object();

  /** A registry that binds nothing until {@link #begin} hands it the first snapshot. */
  public Registry() {}

  /** A registry whose first snapshot is {@code first}. */
  public Registry(Snapshot first) {
    begin(first);
  }

  /** The snapshot read at start: generation 1. Classes waiting to bind go on. */
  public void begin(Snapshot first) {
    synchronized (lock) {
      if (current != null) throw new IllegalStateException("already begun");
      current = new Current(first, 1, System.currentTimeMillis());
      lock.notifyAll();
    }
  }

  /** Whether the first snapshot is in. */
  public boolean begun() {
    return current != null;
  }

  /** The active snapshot with its generation. */
  public Current current() {
    return awaitCurrent();
  }

  public long generation() {
    return awaitCurrent().generation;
  }

  private Current awaitCurrent() {
    Current c = current;
    if (c != null) return c;
    boolean interrupted = false;
    synchronized (lock) {
      while ((c = current) == null) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true; // the binding must not be skipped; keep the interrupt for later
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    return c;
  }

  @Override
  public void initialized(Class<?> type) {
    ClassBindings cb = null;
    try {
      cb = bindings.get(type);
      if (!cb.registered) register(cb);
      cb.bindStatics();
    } catch (Throwable t) {
      failed(cb, "the static fields of " + type.getName() + " are left unbound", t);
    }
  }

  @Override
  public void constructed(Object object, Class<?> type) {
    ClassBindings cb = null;
    try {
      cb = bindings.get(type);
      if (!cb.registered) register(cb);
      cb.bindInstance(object);
    } catch (Throwable t) {
      failed(cb, "a new " + type.getName() + " is left unbound", t);
    }
  }

  /** One warning per class, then only a count: a failing hook must not flood the log either. */
  private void failed(ClassBindings cb, String what, Throwable t) {
    try {
      boolean first;
      synchronized (failures) {
        failedReports++;
        first = cb != null ? cb.firstFailure() : unattributedWarnings++ < MAX_UNATTRIBUTED_WARNINGS;
      }
      if (first) {
        Log.warn(
            what
                + " ("
                + t
                + "); the application goes on, and later failures of this class are counted, not"
                + " logged",
            t instanceof VirtualMachineError ? null : t);
      }
    } catch (Throwable ignored) {
      // out of memory even for the warning: the count above is all there is
    }
  }

  /** How many reports failed since start (see {@link #failed}). */
  public long failedReports() {
    return failedReports;
  }

  /** Marks classes as loaded before the agent attached: their final fields cannot be bound. */
  void loadedBeforeAgent(Set<Class<?>> loaded) {
    loadedBeforeAgent.addAll(loaded);
  }

  ClassBindings bindingsOf(Class<?> type) {
    return bindings.get(type);
  }

  /**
   * Registers a class the first time it is seen, with values converted from the current snapshot.
   * Conversion runs outside the lock (it may initialize enum classes); if a reload commits
   * meanwhile, it is done again from the new snapshot.
   */
  private void register(ClassBindings cb) {
    Current seen = awaitCurrent();
    while (true) {
      List<Problem> problems = new ArrayList<>();
      BoundValues values = Planner.convert(cb, seen.snapshot, problems);
      synchronized (lock) {
        if (cb.registered) return;
        if (current != seen) {
          seen = current;
          continue;
        }
        cb.initial(values);
        classes.add(new WeakReference<>(cb)); // an unloaded class leaves
        cb.registered = true;
      }
      if (cb.table() != null) startSweeper();
      for (String warning : cb.warnings) Log.warn(warning);
      for (Problem p : problems) {
        Log.warn(p + "; the field keeps its default until a reload fixes the value");
      }
      return;
    }
  }

  private void startSweeper() {
    synchronized (lock) {
      if (sweeperStarted) return;
      sweeperStarted = true;
    }
    Sweeper.start(this);
  }

  /** Converts every binding's value under {@code next}, collecting every problem. */
  public Plan plan(Snapshot next) {
    return Planner.plan(registered(), next, new ArrayList<>());
  }

  /**
   * Publishes the plan's values, makes its snapshot the next generation, then writes the changed
   * fields: statics, and every live instance's.
   *
   * @throws IllegalArgumentException if the plan has problems
   */
  public Commit commit(Plan plan) {
    if (!plan.problems().isEmpty()) throw new IllegalArgumentException("plan has problems");
    List<ClassBindings> affected = new ArrayList<>();
    List<int[]> changes = new ArrayList<>();
    List<BoundValues> written = new ArrayList<>();
    List<ClassBindings> callbackOnly = new ArrayList<>();
    List<Problem> late = new ArrayList<>();
    // A class that registered after planning bound from the old snapshot: plan it now, outside the
    // lock (converting may initialize application classes, as register() says), and again if
    // another registers meanwhile.
    IdentityHashMap<ClassBindings, BoundValues> lateValues = new IdentityHashMap<>();
    Current previous;
    while (true) {
      for (ClassBindings cb : registered()) {
        if (plan.valuesOf(cb) == null && !lateValues.containsKey(cb)) {
          lateValues.put(cb, Planner.convert(cb, plan.snapshot, late));
        }
      }
      synchronized (lock) {
        List<ClassBindings> now = registered();
        if (!planned(now, plan, lateValues)) continue;
        previous = awaitCurrent();
        for (ClassBindings cb : now) {
          BoundValues values = plan.valuesOf(cb);
          if (values == null) values = lateValues.get(cb);
          int[] changed = cb.publish(values);
          if (changed.length > 0) {
            affected.add(cb);
            changes.add(changed);
            written.add(values);
          } else if (!cb.hasBindings()) {
            callbackOnly.add(cb);
          }
        }
        current = new Current(plan.snapshot, previous.generation + 1, System.currentTimeMillis());
        break;
      }
    }
    for (int i = 0; i < affected.size(); i++) {
      affected.get(i).writeStatics(changes.get(i), written.get(i));
      affected.get(i).writeInstances(changes.get(i), written.get(i));
    }
    for (Problem p : late) Log.warn(p + "; the field keeps its default until a reload fixes it");
    return new Commit(previous.generation + 1, previous.snapshot, affected, callbackOnly);
  }

  private static boolean planned(
      List<ClassBindings> classes,
      Plan plan,
      IdentityHashMap<ClassBindings, BoundValues> lateValues) {
    for (ClassBindings cb : classes) {
      if (plan.valuesOf(cb) == null && !lateValues.containsKey(cb)) return false;
    }
    return true;
  }

  /** Runs the {@code @OnReload} methods after {@code commit}; see {@link Callbacks}. */
  public void runCallbacks(Commit commit, ReloadEvent event) {
    callbacks().run(commit, event);
  }

  /** The {@code @OnReload} method running now, or {@code null}. */
  public String runningCallback() {
    Callbacks c = callbacks;
    return c == null ? null : c.running();
  }

  private Callbacks callbacks() {
    Callbacks c = callbacks;
    if (c == null) {
      synchronized (lock) {
        c = callbacks;
        if (c == null) callbacks = c = new Callbacks(this);
      }
    }
    return c;
  }

  /** The keys of {@code snapshot} that bind to no field of the classes registered so far. */
  public List<Problem> unknownKeys(Snapshot snapshot) {
    return UnknownKeys.find(snapshot, allBindings());
  }

  /** The keys among {@code paths} that bind to a field of the classes registered so far. */
  public Set<String> bound(Set<String> paths) {
    return UnknownKeys.bound(paths, allBindings());
  }

  /** For each leaf key of {@code snapshot}, the fields ({@code Class.field}) it feeds. */
  public Map<String, List<String>> fieldsByKey(Snapshot snapshot) {
    return UnknownKeys.fieldsByKey(snapshot, allBindings());
  }

  private List<FieldBinding> allBindings() {
    List<FieldBinding> all = new ArrayList<>();
    for (ClassBindings cb : registered()) all.addAll(cb.all);
    return all;
  }

  /** The live registered classes, dropping those that were unloaded. */
  List<ClassBindings> registered() {
    synchronized (lock) {
      List<ClassBindings> out = new ArrayList<>(classes.size());
      for (Iterator<WeakReference<ClassBindings>> it = classes.iterator(); it.hasNext(); ) {
        ClassBindings cb = it.next().get();
        if (cb == null) it.remove();
        else out.add(cb);
      }
      return out;
    }
  }

  /** The sweeper's pass after a garbage collection. */
  void sweep(long now) {
    for (ClassBindings cb : registered()) {
      InstanceTable table = cb.table();
      if (table != null) table.sweep(now);
    }
  }

  /** What status reports: bound fields, live instances, and the instance table's entries. */
  public BindingCounts counts() {
    int fields = 0;
    int instances = 0;
    int entries = 0;
    for (ClassBindings cb : registered()) {
      fields += cb.all.size();
      InstanceTable table = cb.table();
      if (table != null) {
        instances += table.liveCount();
        entries += table.entries();
      }
    }
    return new BindingCounts(fields, instances, entries);
  }

  /** The active configuration: a snapshot, its generation and when it was applied. */
  public static final class Current {
    public final Snapshot snapshot;
    public final long generation;

    /** Epoch milliseconds at which this generation became active. */
    public final long appliedAt;

    Current(Snapshot snapshot, long generation, long appliedAt) {
      this.snapshot = snapshot;
      this.generation = generation;
      this.appliedAt = appliedAt;
    }
  }

  /** Counts for status. */
  public static final class BindingCounts {
    /** Bound fields in the classes registered so far. */
    public final int fields;

    /** Objects with bound fields or instance callbacks that are alive now. */
    public final int liveInstances;

    /** Entries the instance tables hold: live objects and those not yet known dead. */
    public final int trackedEntries;

    BindingCounts(int fields, int liveInstances, int trackedEntries) {
      this.fields = fields;
      this.liveInstances = liveInstances;
      this.trackedEntries = trackedEntries;
    }
  }
}
