package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Node;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A structured value: a record, or a plain class with a no-argument constructor and fields, bound
 * from a whole mapping ({@code @Reloadable("db") DbSettings db}). Each reload builds a new object,
 * and the field takes it in one write: a reader sees one configuration or the other, never half of
 * each.
 *
 * <p>Keys match properties by name, ignoring case, {@code -} and {@code _}: {@code max-size},
 * {@code max_size} and {@code maxSize} all set {@code maxSize}. A record needs every component; a
 * plain class keeps its initializer's value for a key that is absent.
 */
final class StructuredType {
  private static final ClassValue<StructuredType> CACHE =
      new ClassValue<StructuredType>() {
        @Override
        protected StructuredType computeValue(Class<?> type) {
          return describe(type);
        }
      };

  final Class<?> type;
  private final boolean record;
  private final Constructor<?> constructor;

  /** Properties by normalized name, in declaration order. */
  final Map<String, Property> properties;

  private StructuredType(
      Class<?> type, boolean record, Constructor<?> constructor, Map<String, Property> properties) {
    this.type = type;
    this.record = record;
    this.constructor = constructor;
    this.properties = properties;
  }

  /** The structure of {@code type}, or {@code null} if it is not a record or plain class. */
  static StructuredType of(Class<?> type) {
    return CACHE.get(type);
  }

  /** One settable part: a record component or a field. */
  static final class Property {
    final String name;
    final Type type;
    private final Field field; // null for a record component

    Property(String name, Type type, Field field) {
      this.name = name;
      this.type = type;
      this.field = field;
    }
  }

  static String normalize(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** The property a key names, or {@code null}. */
  Property property(String key) {
    return properties.get(normalize(key));
  }

  private static StructuredType describe(Class<?> type) {
    if (type.isPrimitive()
        || type.isArray()
        || type.isInterface()
        || type.isEnum()
        || Modifier.isAbstract(type.getModifiers())
        || isPlatform(type)) {
      return null;
    }
    Map<String, Property> properties = new LinkedHashMap<>();
    if (isRecord(type)) {
      List<Class<?>> types = new ArrayList<>();
      try {
        Object[] components = (Object[]) Class.class.getMethod("getRecordComponents").invoke(type);
        for (Object component : components) {
          Class<?> rc = component.getClass();
          String name = (String) rc.getMethod("getName").invoke(component);
          Type generic = (Type) rc.getMethod("getGenericType").invoke(component);
          types.add((Class<?>) rc.getMethod("getType").invoke(component));
          properties.put(normalize(name), new Property(name, generic, null));
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types.toArray(new Class<?>[0]));
        canonical.setAccessible(true);
        return new StructuredType(type, true, canonical, properties);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      return null;
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) return null;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) || Modifier.isFinal(m) || Modifier.isTransient(m)) continue;
        if (f.isSynthetic()) continue;
        try {
          f.setAccessible(true);
        } catch (RuntimeException e) {
          return null;
        }
        properties.putIfAbsent(
            normalize(f.getName()), new Property(f.getName(), f.getGenericType(), f));
      }
    }
    return properties.isEmpty() ? null : new StructuredType(type, false, constructor, properties);
  }

  private static boolean isPlatform(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun.");
  }

  static boolean isRecord(Class<?> type) {
    Class<?> superclass = type.getSuperclass();
    return superclass != null && superclass.getName().equals("java.lang.Record");
  }

  /** Builds a new object from {@code mapping}; every problem names the key below the binding. */
  Object build(Node.Mapping mapping, boolean secret) throws ConversionException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : mapping.entries().entrySet()) {
      Property p = property(e.getKey());
      if (p == null) continue; // reported as an unknown key, with a "did you mean"
      Node node = e.getValue();
      if (node.isNull()) continue;
      try {
        values.put(p.name, Converter.convert(node, p.type, secret));
      } catch (ConversionException x) {
        throw x.under(e.getKey());
      }
    }
    try {
      if (record) {
        Object[] args = new Object[properties.size()];
        int i = 0;
        for (Property p : properties.values()) {
          if (!values.containsKey(p.name)) {
            throw new ConversionException(
                mapping.origin(),
                "missing key '"
                    + p.name
                    + "': record "
                    + type.getSimpleName()
                    + " needs every component");
          }
          args[i++] = values.get(p.name);
        }
        return constructor.newInstance(args);
      }
      Object object = constructor.newInstance();
      for (Property p : properties.values()) {
        if (values.containsKey(p.name)) p.field.set(object, values.get(p.name));
      }
      return object;
    } catch (InvocationTargetException e) {
      // A compact constructor that validates: its message is the user's best explanation.
      Throwable cause = e.getCause();
      String detail = secret || cause.getMessage() == null ? "" : ": " + cause.getMessage();
      throw new ConversionException(
          mapping.origin(),
          type.getSimpleName()
              + " refused the values: "
              + cause.getClass().getSimpleName()
              + detail);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new ConversionException(
          mapping.origin(), "cannot build " + type.getSimpleName() + ": " + e);
    }
  }
}
