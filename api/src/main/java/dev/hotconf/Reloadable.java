package dev.hotconf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a field to a path of the configuration, so that the hotconf agent writes the path's value
 * into it at start and again after every reload.
 *
 * <p>Static fields are bound right after their class is initialised, instance fields right after
 * each constructor finishes. The field's initializer is its default: the value it keeps while the
 * path is absent, and the value it gets back when the path disappears from the configuration.
 *
 * <pre>{@code
 * @Reloadable("server.timeout") static Duration timeout = Duration.ofSeconds(5);
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Reloadable {
  /**
   * The configuration path, dot separated, e.g. {@code "server.port"}.
   *
   * @return the path; empty means the field's own name
   */
  String value() default "";
}
