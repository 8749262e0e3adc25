package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Secrets;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/** One {@code @Reloadable} field and the path it is bound to. */
final class FieldBinding {
  /** The value of a binding whose path is absent: the field holds its default. */
  static final Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "<absent>";
        }
      };

  final Field field;
  final String path;
  final Type type;
  final boolean secret;
  final boolean isStatic;

  /** For an instance field, its index in each tracked instance's defaults. */
  final int slot;

  /** The value last written, or {@link #ABSENT}; guarded by the owning {@link ClassBindings}. */
  Object applied = ABSENT;

  /**
   * The configuration text {@link #applied} came from, {@code null} while absent. A reload writes
   * the field when this text changes, so an object without {@code equals} is not rewritten (and its
   * callbacks not run) by a reload that left its keys alone.
   */
  String appliedText;

  /** The static field's initializer value; guarded by the owning {@link ClassBindings}. */
  Object staticDefault;

  FieldBinding(Field field, String path, int slot) {
    this.field = field;
    this.path = path;
    this.type = field.getGenericType();
    this.secret = Secrets.isSecret(path);
    this.isStatic = Modifier.isStatic(field.getModifiers());
    this.slot = slot;
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

  /** {@code com.example.Server.port}: how messages name the field. */
  @Override
  public String toString() {
    return field.getDeclaringClass().getName() + "." + field.getName();
  }
}
