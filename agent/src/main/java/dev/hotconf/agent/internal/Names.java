package dev.hotconf.agent.internal;

/**
 * The names the agent recognizes, spelled once: the API's annotations (matched by name, as an
 * application may load its own copy of the API) and the agent's own package, whose classes are
 * never instrumented.
 *
 * <p>They are compile-time constants rather than {@code Reloadable.class.getName()}: the
 * transformer needs them from the first class that loads after {@code premain}, and deriving them
 * would load three API classes there (about two milliseconds of every start). {@code NamesTest}
 * holds each constant against the class it names, so a rename cannot leave a stale copy.
 */
public final class Names {
  /** {@code dev.hotconf.Reloadable}. */
  public static final String RELOADABLE = "dev.hotconf.Reloadable";

  /** {@code dev.hotconf.OnReload}. */
  public static final String ON_RELOAD = "dev.hotconf.OnReload";

  /** {@code dev.hotconf.ReloadEvent}. */
  public static final String RELOAD_EVENT = "dev.hotconf.ReloadEvent";

  /** How a class file names {@link #RELOADABLE}. */
  public static final String RELOADABLE_DESCRIPTOR = "Ldev/hotconf/Reloadable;";

  /** How a class file names {@link #ON_RELOAD}. */
  public static final String ON_RELOAD_DESCRIPTOR = "Ldev/hotconf/OnReload;";

  /** The agent's classes, binary names: this package's parent. */
  public static final String AGENT_PACKAGE = "dev.hotconf.agent.";

  /** The agent's classes, internal names. */
  public static final String AGENT_PACKAGE_INTERNAL = "dev/hotconf/agent/";

  private Names() {}
}
