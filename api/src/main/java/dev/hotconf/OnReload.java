package dev.hotconf;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs after a reload changed a {@link Reloadable} field of its class.
 *
 * <p>The method takes no parameter or one {@link ReloadEvent}. A static method runs once per
 * reload; an instance method runs on every live instance. Callbacks run after every changed field
 * of the reload has been written, so they see the whole new configuration, on the agent's thread
 * {@code hotconf-callbacks}. The reload waits for them up to the agent option {@code
 * callback-timeout} (10 seconds), then warns and goes on: a callback that blocks never holds up
 * later reloads. A reload whose files say what is already active ("unchanged") runs none.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnReload {}
