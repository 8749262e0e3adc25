package dev.hotconf.agent.internal.bind;

import java.lang.annotation.Annotation;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything hotconf knows about one class: its bound fields, its {@code @OnReload} methods and,
 * weakly, its live instances with their defaults. Field writes to this class happen under its
 * monitor, so a constructor that registers an instance and a reload that writes all instances never
 * miss each other.
 */
final class ClassBindings {
  static final String RELOADABLE = "dev.hotconf.Reloadable";
  static final String ON_RELOAD = "dev.hotconf.OnReload";

  final Class<?> type;
  final List<FieldBinding> statics;
  final List<FieldBinding> instances;
  final List<Callback> staticCallbacks;
  final List<Callback> instanceCallbacks;

  /** Why some annotated members are not bound; logged once, when the class registers. */
  final List<String> warnings;

  /** Set once under the registry's commit lock; read without it on every construction. */
  volatile boolean registered;

  /** Whether static fields may be written: only once static initialization has run. */
  private boolean staticsReady;

  private Tracked[] live = new Tracked[4];
  private int size;

  /** Instances collected since the last compaction, as the cleaner thread reports them. */
  private int dead;

  /** The defaults most instances share, so that each does not keep its own copy. */
  private Object[] sharedDefaults;

  private ClassBindings(Class<?> type, boolean loadedBeforeAgent) {
    this.type = type;
    List<FieldBinding> statics = new ArrayList<>();
    List<FieldBinding> instances = new ArrayList<>();
    List<Callback> staticCallbacks = new ArrayList<>();
    List<Callback> instanceCallbacks = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      Annotation reloadable = annotation(field.getDeclaredAnnotations(), RELOADABLE);
      if (reloadable == null) continue;
      String path = pathOf(reloadable, field);
      String name = type.getName() + "." + field.getName();
      if (Modifier.isFinal(field.getModifiers()) && loadedBeforeAgent) {
        warnings.add(
            "field "
                + name
                + " is not bound: it is final and its class was loaded before hotconf attached;"
                + " start the JVM with -javaagent to bind it");
        continue;
      }
      if (Modifier.isFinal(field.getModifiers())) {
        warnings.add(
            "field "
                + name
                + " is not bound: it is a compile-time constant (final with a constant"
                + " initializer), and javac copied its value into the code that reads it;"
                + " remove 'final' or initialize it from a method call");
        continue;
      }
      if (!Converter.supports(field.getGenericType())) {
        warnings.add(
            "field "
                + name
                + " is not bound: hotconf cannot convert to "
                + field.getGenericType().getTypeName()
                + "; supported are String, primitives and their boxes, enums, Duration, Path,"
                + " URI, BigDecimal, BigInteger, List/Set/Map<String,...> of those, and records"
                + " or classes with a no-argument constructor whose fields are of those types");
        continue;
      }
      field.setAccessible(true);
      boolean isStatic = Modifier.isStatic(field.getModifiers());
      FieldBinding binding = new FieldBinding(field, path, isStatic ? -1 : instances.size());
      (isStatic ? statics : instances).add(binding);
    }
    for (Method method : type.getDeclaredMethods()) {
      if (annotation(method.getDeclaredAnnotations(), ON_RELOAD) == null) continue;
      Callback callback = Callback.of(method, warnings);
      if (callback == null) continue;
      (Modifier.isStatic(method.getModifiers()) ? staticCallbacks : instanceCallbacks)
          .add(callback);
    }
    this.statics = List.copyOf(statics);
    this.instances = List.copyOf(instances);
    this.staticCallbacks = List.copyOf(staticCallbacks);
    this.instanceCallbacks = List.copyOf(instanceCallbacks);
    this.warnings = List.copyOf(warnings);
  }

  static ClassBindings of(Class<?> type) {
    return new ClassBindings(type, false);
  }

  /** As {@link #of(Class)}, for a class that may have loaded before a late attach. */
  static ClassBindings of(Class<?> type, boolean loadedBeforeAgent) {
    return new ClassBindings(type, loadedBeforeAgent);
  }

  /** Annotations are matched by name: the application may load its own copy of the API. */
  private static Annotation annotation(Annotation[] annotations, String name) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(name)) return a;
    }
    return null;
  }

  private static String pathOf(Annotation reloadable, Field field) {
    String value;
    try {
      Method valueMethod = reloadable.annotationType().getMethod("value");
      value = (String) valueMethod.invoke(reloadable);
    } catch (ReflectiveOperationException | ClassCastException e) {
      value = "";
    }
    return value.isEmpty() ? field.getName() : value;
  }

  boolean tracksInstances() {
    return !instances.isEmpty() || !instanceCallbacks.isEmpty();
  }

  boolean hasBindings() {
    return !statics.isEmpty() || !instances.isEmpty();
  }

  /** All bindings, statics first: the order of a plan's values for this class. */
  List<FieldBinding> all() {
    List<FieldBinding> all = new ArrayList<>(statics.size() + instances.size());
    all.addAll(statics);
    all.addAll(instances);
    return all;
  }

  /** Records each static field's default and writes the applied values; called at clinit's end. */
  synchronized void bindStatics() {
    for (FieldBinding b : statics) {
      b.staticDefault = b.get(null);
      if (b.applied != FieldBinding.ABSENT) b.set(null, b.applied);
    }
    staticsReady = true;
  }

  /**
   * Records the instance's defaults, writes the applied values and starts tracking it.
   *
   * @param queue where the instance's weak reference goes once it is collected
   */
  synchronized void bindInstance(Object object, ReferenceQueue<Object> queue) {
    Object[] defaults = new Object[instances.size()];
    for (FieldBinding b : instances) {
      defaults[b.slot] = b.get(object);
      if (b.applied != FieldBinding.ABSENT) b.set(object, b.applied);
    }
    if (sharedDefaults == null) {
      sharedDefaults = defaults;
    } else if (Arrays.equals(sharedDefaults, defaults)) {
      defaults = sharedDefaults;
    }
    if (!tracksInstances()) return;
    if (size == live.length) live = Arrays.copyOf(live, live.length * 2);
    live[size++] = new Tracked(object, defaults, queue, this);
  }

  /**
   * Writes the values whose configuration text changed into every field that holds them.
   *
   * @return whether any field changed
   */
  synchronized boolean write(Values values) {
    boolean changed = false;
    int i = 0;
    for (FieldBinding b : statics) {
      Object value = values.values[i];
      String text = values.texts[i++];
      if (Objects.equals(b.appliedText, text)) continue;
      changed = true;
      b.applied = value;
      b.appliedText = text;
      if (staticsReady) b.set(null, value == FieldBinding.ABSENT ? b.staticDefault : value);
    }
    for (FieldBinding b : instances) {
      Object value = values.values[i];
      String text = values.texts[i++];
      if (Objects.equals(b.appliedText, text)) continue;
      changed = true;
      b.applied = value;
      b.appliedText = text;
      for (int j = 0; j < size; j++) {
        Object object = live[j].get();
        if (object != null) {
          b.set(object, value == FieldBinding.ABSENT ? live[j].defaults[b.slot] : value);
        }
      }
    }
    return changed;
  }

  /** Sets the applied values without writing fields: for a class registering. */
  synchronized void setApplied(Values values) {
    int i = 0;
    for (FieldBinding b : all()) {
      b.applied = values.values[i];
      b.appliedText = values.texts[i++];
    }
  }

  /** The live instances, for callbacks that run outside this class's monitor. */
  synchronized List<Object> liveInstances() {
    List<Object> out = new ArrayList<>(size);
    for (int j = 0; j < size; j++) {
      Object object = live[j].get();
      if (object != null) out.add(object);
    }
    return out;
  }

  synchronized int liveCount() {
    int count = 0;
    for (int j = 0; j < size; j++) {
      if (live[j].get() != null) count++;
    }
    return count;
  }

  /**
   * Called by the cleaner thread for each collected instance. Once half the tracked instances are
   * gone they are dropped in one pass — O(1) per instance — and the pass runs outside the monitor:
   * constructors wait only for the final swap, however many instances there are.
   */
  void cleared() {
    Tracked[] seen;
    int seenSize;
    synchronized (this) {
      if (++dead <= size / 2) return;
      seen = live;
      seenSize = size;
    }
    Tracked[] kept = new Tracked[Math.max(64, seenSize)];
    int keptSize = 0;
    for (int j = 0; j < seenSize; j++) {
      if (seen[j].get() != null) kept[keptSize++] = seen[j];
    }
    synchronized (this) {
      // Only this thread removes entries: those added meanwhile are at [seenSize, size).
      int added = size - seenSize;
      if (keptSize + added > kept.length) {
        kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptSize + added));
      }
      System.arraycopy(live, seenSize, kept, keptSize, added);
      live = kept;
      size = keptSize + added;
      dead = 0;
    }
  }

  /** A weakly held instance and the values its fields had before hotconf first wrote them. */
  static final class Tracked extends WeakReference<Object> {
    final Object[] defaults;
    final ClassBindings owner;

    Tracked(Object object, Object[] defaults, ReferenceQueue<Object> queue, ClassBindings owner) {
      super(object, queue);
      this.defaults = defaults;
      this.owner = owner;
    }
  }
}
