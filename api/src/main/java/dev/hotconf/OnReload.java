package dev.hotconf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs after a reload changed a {@link Reloadable} field of its class.
 *
 * <p>The method takes no parameter or one {@link ReloadEvent}. A static method runs once per
 * reload; an instance method runs on every live instance. Callbacks run on the agent's reload
 * thread after every changed field has been written, so they see the whole new configuration.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnReload {}
