package dev.hotconf.it.plugin;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;

/**
 * A class that {@link dev.hotconf.it.host.LoaderHost} loads from a jar of its own, through a
 * child-first class loader that also holds its own copy of the hotconf API.
 */
public class Plugin {
  @Reloadable("plugin.greeting")
  static String greeting = "default";

  @Reloadable("plugin.limit")
  int limit = 1;

  static volatile long generation = 1;
  static volatile String cause = "";

  @OnReload
  static void reloaded(ReloadEvent event) {
    generation = event.generation();
    cause = event.cause();
  }

  /** What the host reports. */
  public String describe() {
    return greeting + "|" + limit + "|" + generation + "|" + cause;
  }
}
