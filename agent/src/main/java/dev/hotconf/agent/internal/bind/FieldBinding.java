package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Secrets;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code @Reloadable} field and the path it is bound to, with the reflective reads and writes
 * the registry makes. Comparing a field with a value ({@link #holds}) allocates nothing, so that
 * checking a new object's defaults on the constructor path costs no garbage.
 */
final class FieldBinding {
  final Field field;
  final String path;
  final Type type;
  final boolean secret;

  /** Position among all bindings of its class (statics first): its index in {@link BoundValues}. */
  final int index;

  /** For an instance field, its index in an instance's defaults; -1 for a static field. */
  final int slot;

  /** The primitive kind ({@code int.class}...), or {@code null} for a reference field. */
  private final Class<?> primitive;

  /** Whether equal values of the field's type are interchangeable (immutable JDK values). */
  private final boolean valueType;

  FieldBinding(Field field, String path, int index, int slot) {
    this.field = field;
    this.path = path;
    this.type = field.getGenericType();
    this.secret = Secrets.isSecret(path);
    this.index = index;
    this.slot = slot;
    Class<?> raw = field.getType();
    this.primitive = raw.isPrimitive() ? raw : null;
    this.valueType =
        raw == String.class
            || raw == Duration.class
            || raw == Path.class
            || raw == URI.class
            || raw == BigDecimal.class
            || raw == BigInteger.class
            || raw.isEnum()
            || raw.getName().startsWith("java.lang.") && raw.getSuperclass() == Number.class
            || raw == Boolean.class
            || raw == Character.class;
  }

  boolean isStatic() {
    return slot < 0;
  }

  Object get(Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + this, e);
    }
  }

  void set(Object target, Object value) {
    try {
      field.set(target, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot write " + this, e);
    }
  }

  /**
   * Whether the field of {@code target} holds {@code value}: the same primitive, the same object,
   * or an equal immutable value. A mutable default is never shared between objects, even if equal.
   */
  boolean holds(Object target, Object value) {
    try {
      if (primitive != null) {
        if (value == null) return false;
        if (primitive == int.class) return field.getInt(target) == (Integer) value;
        if (primitive == long.class) return field.getLong(target) == (Long) value;
        if (primitive == boolean.class) return field.getBoolean(target) == (Boolean) value;
        if (primitive == double.class) {
          return Double.doubleToRawLongBits(field.getDouble(target))
              == Double.doubleToRawLongBits((Double) value);
        }
        if (primitive == float.class) {
          return Float.floatToRawIntBits(field.getFloat(target))
              == Float.floatToRawIntBits((Float) value);
        }
        if (primitive == short.class) return field.getShort(target) == (Short) value;
        if (primitive == byte.class) return field.getByte(target) == (Byte) value;
        return field.getChar(target) == (Character) value;
      }
      Object current = field.get(target);
      return current == value || valueType && current != null && current.equals(value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + this, e);
    }
  }

  /** {@code com.example.Server.port}: how messages name the field. */
  @Override
  public String toString() {
    return field.getDeclaringClass().getName() + "." + field.getName();
  }
}
