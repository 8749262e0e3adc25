package dev.hotconf.agent.internal.bind;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a class file says of a class's bindings, as the {@link ClassRewriter} read it while the
 * class loaded: each {@code @Reloadable} field with its annotation's value, the fields that carry
 * other annotations too (and whether one is a Bean Validation constraint), and the names of the
 * {@code @OnReload} methods. {@link AnnotationScan} takes it when the class first binds, instead of
 * asking reflection: reflection on annotations has the JDK generate a proxy class for each
 * annotation type and its meta-annotations, about 30 ms of the first binding of a JVM.
 *
 * <p>Kept from the transform to the class's first binding, keyed by class name and checked against
 * the class loader; a class that never binds leaves a few strings behind, no class and no loader.
 */
final class ClassFileMembers {
  private static final Map<String, ClassFileMembers> pending = new ConcurrentHashMap<>();

  private final WeakReference<ClassLoader> loader;

  /** Field name to the annotation's value, {@code ""} when it names none. */
  final Map<String, String> boundFields = new HashMap<>();

  /** Fields with a visible annotation other than {@code @Reloadable}, or a type annotation. */
  final Set<String> otherwiseAnnotated = new HashSet<>();

  /**
   * Whether a bound field carries a Bean Validation annotation: said even when the annotation's
   * classes are missing, which leaves no trace for reflection.
   */
  boolean constrained;

  /** Methods annotated {@code @OnReload}, by name. */
  final Set<String> callbacks = new HashSet<>();

  /** Methods declared more than once under one name: their annotations are read by reflection. */
  final Set<String> overloaded = new HashSet<>();

  private final Set<String> methodNames = new HashSet<>();

  ClassFileMembers(ClassLoader loader) {
    this.loader = loader == null ? null : new WeakReference<>(loader);
  }

  void method(String name) {
    if (!methodNames.add(name)) overloaded.add(name);
  }

  /** Keeps what the class file of {@code className} (binary name) says until it binds. */
  void offer(String className) {
    pending.put(className, this);
  }

  /** What the class file of {@code type} said, or {@code null} (then reflection tells). */
  static ClassFileMembers take(Class<?> type) {
    ClassFileMembers members = pending.remove(type.getName());
    if (members == null) return null;
    ClassLoader expected = members.loader == null ? null : members.loader.get();
    return expected == type.getClassLoader() ? members : null;
  }
}
