package dev.hotconf.it.host;

import dev.hotconf.Reloadable;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A host started without the agent, which a test then attaches: it keeps one {@link Settings} made
 * at start and makes a fresh one on every round.
 *
 * <p>Usage: {@code LateHost STATE_FILE}
 */
public final class LateHost {
  @Reloadable("late.value")
  static String value = "default";

  /** Final, and loaded before the agent: cannot be bound, and the agent says so. */
  @Reloadable("late.fixed")
  static final String FIXED = String.valueOf("default");

  private LateHost() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    Settings early = new Settings();
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Settings fresh = new Settings();
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      p.setProperty("value", value);
      p.setProperty("fixed", FIXED);
      p.setProperty("early", early.string);
      p.setProperty("fresh", fresh.string);
      p.setProperty("freshInt", String.valueOf(fresh.duration));
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }
}
