package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Names;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one class's {@code @Reloadable} fields and {@code @OnReload} methods into its {@link
 * ClassBindings}, and says why an annotated member cannot be bound. Annotations are matched by
 * name: the application may load its own copy of the API.
 */
final class AnnotationScan {
  private final Class<?> type;
  private final boolean loadedBeforeAgent;
  private final List<FieldBinding> statics = new ArrayList<>();
  private final List<FieldBinding> instances = new ArrayList<>();
  private final List<Callback> staticCallbacks = new ArrayList<>();
  private final List<Callback> instanceCallbacks = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private AnnotationScan(Class<?> type, boolean loadedBeforeAgent) {
    this.type = type;
    this.loadedBeforeAgent = loadedBeforeAgent;
  }

  /**
   * The bindings of {@code type}.
   *
   * @param loadedBeforeAgent whether the class loaded before a late attach, so that its field
   *     modifiers are as compiled ({@code final} stays final)
   */
  static ClassBindings scan(Class<?> type, boolean loadedBeforeAgent) {
    AnnotationScan scan = new AnnotationScan(type, loadedBeforeAgent);
    // What the class file said as the class loaded; reflection when nothing was kept (a class
    // checked offline, one that loaded before a late attach).
    ClassFileMembers members = ClassFileMembers.take(type);
    List<Field> bound = new ArrayList<>();
    Map<Field, String> values = new HashMap<>();
    for (Field field : type.getDeclaredFields()) {
      String value =
          members != null ? members.boundFields.get(field.getName()) : reflectiveValue(field);
      if (value != null && scan.bindable(field)) {
        bound.add(field);
        values.put(field, value);
      }
    }
    // Statics first: a binding's index is its position among all of them.
    for (Field field : bound) {
      if (Modifier.isStatic(field.getModifiers())) scan.bind(field, values.get(field));
    }
    for (Field field : bound) {
      if (!Modifier.isStatic(field.getModifiers())) scan.bind(field, values.get(field));
    }
    for (Method method : type.getDeclaredMethods()) {
      boolean onReload =
          members != null && !members.overloaded.contains(method.getName())
              ? members.callbacks.contains(method.getName())
              : annotation(method.getDeclaredAnnotations(), Names.ON_RELOAD) != null;
      if (!onReload) continue;
      Callback callback = Callback.of(method, scan.warnings);
      if (callback == null) continue;
      (Modifier.isStatic(method.getModifiers()) ? scan.staticCallbacks : scan.instanceCallbacks)
          .add(callback);
    }
    List<FieldBinding> all = new ArrayList<>(scan.statics);
    all.addAll(scan.instances);
    return new ClassBindings(
        type,
        scan.statics,
        scan.instances,
        scan.staticCallbacks,
        scan.instanceCallbacks,
        scan.warnings,
        Validation.declared(type, all, members, scan.warnings));
  }

  /** Whether the field can be bound; if not, the warning says why. */
  private boolean bindable(Field field) {
    String name = type.getName() + "." + field.getName();
    if (Modifier.isFinal(field.getModifiers()) && loadedBeforeAgent) {
      warnings.add(
          "field "
              + name
              + " is not bound: it is final and its class was loaded before hotconf attached;"
              + " start the JVM with -javaagent to bind it");
      return false;
    }
    if (Modifier.isFinal(field.getModifiers())) {
      warnings.add(
          "field "
              + name
              + " is not bound: it is a compile-time constant (final with a constant"
              + " initializer), and javac copied its value into the code that reads it;"
              + " remove 'final' or initialize it from a method call");
      return false;
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
      return false;
    }
    return true;
  }

  /** Binds {@code field} to {@code value}, its annotation's value, or its name when empty. */
  private void bind(Field field, String value) {
    field.setAccessible(true);
    String path = value.isEmpty() ? field.getName() : value;
    int index = statics.size() + instances.size();
    if (Modifier.isStatic(field.getModifiers())) {
      statics.add(new FieldBinding(field, path, index, -1));
    } else {
      instances.add(new FieldBinding(field, path, index, instances.size()));
    }
  }

  static Annotation annotation(Annotation[] annotations, String name) {
    for (Annotation a : annotations) {
      if (a.annotationType().getName().equals(name)) return a;
    }
    return null;
  }

  /** The value of the field's {@code @Reloadable}, {@code ""} without one, {@code null} if none. */
  private static String reflectiveValue(Field field) {
    Annotation reloadable = annotation(field.getDeclaredAnnotations(), Names.RELOADABLE);
    if (reloadable == null) return null;
    try {
      Object value = reloadable.annotationType().getMethod("value").invoke(reloadable);
      return value instanceof String ? (String) value : "";
    } catch (ReflectiveOperationException e) {
      return "";
    }
  }
}
