package dev.hotconf.agent.internal.bind;

import java.util.Arrays;
import java.util.List;

/**
 * What hotconf holds for one class: its bound fields and {@code @OnReload} methods (found by {@link
 * AnnotationScan}), the values currently applied to them, and the weak table of its live instances.
 *
 * <p>The applied values are published whole ({@link BoundValues} is immutable), before any field is
 * written. A constructor binds from the values it reads, registers the object, then reads them
 * again and rebinds if they changed meanwhile; a commit publishes first, then walks the instances.
 * Either the walk sees the object or the constructor sees the new values, so an object constructed
 * during a commit never keeps the old ones. Static fields are written under this object's monitor,
 * and only once the class's static initializer has reached its end: a reload never waits for an
 * initializer running on another thread, which applies the values itself when it ends.
 */
final class ClassBindings {
  final Class<?> type;

  /** Every binding, statics first: {@link FieldBinding#index} is the position here. */
  final List<FieldBinding> all;

  final List<FieldBinding> statics;
  final List<FieldBinding> instances;
  final List<Callback> staticCallbacks;
  final List<Callback> instanceCallbacks;

  /** Why some annotated members are not bound; logged once, when the class registers. */
  final List<String> warnings;

  /** The class's constraints, if any are declared on its bound fields (see {@link Validation}). */
  final Validation.Declared constraints;

  /** Null when the class has neither instance fields to bind nor instance callbacks. */
  private final InstanceTable table;

  /** Set once under the registry's lock; read without it on every construction. */
  volatile boolean registered;

  private volatile BoundValues applied;

  /** The instance defaults most objects share: those of the first object constructed. */
  private volatile Object[] sharedDefaults;

  /** Set by the first report of this class that failed: later ones are only counted. */
  private volatile boolean failedOnce;

  private boolean staticsReady; // guarded by this
  private Object[] staticDefaults; // guarded by this

  ClassBindings(
      Class<?> type,
      List<FieldBinding> statics,
      List<FieldBinding> instances,
      List<Callback> staticCallbacks,
      List<Callback> instanceCallbacks,
      List<String> warnings,
      Validation.Declared constraints) {
    this.type = type;
    this.statics = List.copyOf(statics);
    this.instances = List.copyOf(instances);
    FieldBinding[] all = new FieldBinding[statics.size() + instances.size()];
    for (FieldBinding b : statics) all[b.index] = b;
    for (FieldBinding b : instances) all[b.index] = b;
    this.all = List.of(all);
    this.staticCallbacks = List.copyOf(staticCallbacks);
    this.instanceCallbacks = List.copyOf(instanceCallbacks);
    this.warnings = List.copyOf(warnings);
    this.constraints = constraints;
    this.table = instances.isEmpty() && instanceCallbacks.isEmpty() ? null : new InstanceTable();
    this.applied = BoundValues.absent(all.length);
  }

  boolean hasBindings() {
    return !all.isEmpty();
  }

  /** The live instances, or {@code null} for a class that does not track them. */
  InstanceTable table() {
    return table;
  }

  /** The values applied now. */
  BoundValues applied() {
    return applied;
  }

  /**
   * Makes {@code next} the applied values and tells which bindings changed: published before any
   * field is written, so constructors running now bind from them.
   *
   * @return the indices of the bindings whose configuration changed; empty if none did
   */
  int[] publish(BoundValues next) {
    BoundValues previous = applied;
    int count = 0;
    int[] changed = new int[all.size()];
    for (int i = 0; i < changed.length; i++) {
      if (next.differs(previous, i)) changed[count++] = i;
    }
    applied = next;
    return count == changed.length ? changed : Arrays.copyOf(changed, count);
  }

  /** The values a class registers with: nothing is written yet, so nothing changes. */
  void initial(BoundValues values) {
    applied = values;
  }

  /** At the end of the static initializer: records each static default, writes the values. */
  synchronized void bindStatics() {
    if (staticsReady) return;
    Object[] defaults = new Object[all.size()];
    BoundValues values = applied;
    for (FieldBinding b : statics) {
      defaults[b.index] = b.get(null);
      if (!values.isAbsent(b.index)) b.set(null, values.value(b.index));
    }
    staticDefaults = defaults;
    staticsReady = true;
  }

  /** Writes the changed static fields; left to {@link #bindStatics} while initialization runs. */
  synchronized void writeStatics(int[] changed, BoundValues values) {
    if (!staticsReady) return;
    for (int index : changed) {
      FieldBinding b = all.get(index);
      if (!b.isStatic()) continue;
      b.set(null, values.isAbsent(index) ? staticDefaults[index] : values.value(index));
    }
  }

  /**
   * At the end of a constructor: writes the applied values into {@code object}, tracks it, and
   * rebinds it if a commit published other values meanwhile.
   */
  void bindInstance(Object object) {
    BoundValues values = applied;
    Object[] own = instances.isEmpty() ? null : ownDefaults(object);
    for (FieldBinding b : instances) {
      if (!values.isAbsent(b.index)) b.set(object, values.value(b.index));
    }
    if (table == null) return;
    table.add(object, own);
    for (BoundValues now = applied; now != values; now = applied) {
      values = now;
      for (FieldBinding b : instances) {
        b.set(object, values.isAbsent(b.index) ? defaultOf(own, b) : values.value(b.index));
      }
    }
  }

  /** Writes the changed instance fields of every live object. */
  void writeInstances(int[] changed, BoundValues values) {
    if (table == null || instances.isEmpty()) return;
    int count = 0;
    FieldBinding[] fields = new FieldBinding[changed.length];
    for (int index : changed) {
      FieldBinding b = all.get(index);
      if (!b.isStatic()) fields[count++] = b;
    }
    if (count == 0) return;
    FieldBinding[] write = Arrays.copyOf(fields, count);
    table.forEachLive(
        new InstanceTable.Visitor() {
          @Override
          public void visit(Object instance, InstanceTable.Tracked entry) {
            for (FieldBinding b : write) {
              b.set(
                  instance,
                  values.isAbsent(b.index) ? defaultOf(entry.defaults, b) : values.value(b.index));
            }
          }
        });
  }

  /** The default of {@code b} for an object whose own defaults are {@code own} (null: shared). */
  private Object defaultOf(Object[] own, FieldBinding b) {
    return (own != null ? own : sharedDefaults)[b.slot];
  }

  /**
   * The object's defaults when they differ from the shared ones, else {@code null}: most objects
   * keep none of their own.
   */
  private Object[] ownDefaults(Object object) {
    Object[] shared = sharedDefaults;
    if (shared == null) {
      Object[] first = readDefaults(object);
      synchronized (this) {
        if (sharedDefaults == null) {
          sharedDefaults = first;
          return null;
        }
        shared = sharedDefaults;
      }
    }
    for (FieldBinding b : instances) {
      if (!b.holds(object, shared[b.slot])) return readDefaults(object);
    }
    return null;
  }

  private Object[] readDefaults(Object object) {
    Object[] defaults = new Object[instances.size()];
    for (FieldBinding b : instances) defaults[b.slot] = b.get(object);
    return defaults;
  }

  /** Whether this is the first failed report of the class, which is logged. */
  boolean firstFailure() {
    if (failedOnce) return false;
    failedOnce = true;
    return true;
  }

  @Override
  public String toString() {
    return type.getName();
  }
}
