package dev.hotconf.it.host;

import dev.hotconf.OnReload;
import dev.hotconf.Reloadable;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A host whose callbacks misbehave on demand ({@code fault.value: throw} or {@code block}) and
 * whose enum fails to initialize: the agent must keep the application on a good configuration.
 *
 * <p>Usage: {@code FaultHost STATE_FILE}
 */
public final class FaultHost {
  /** Fails its static initialization: converting to it throws an Error from application code. */
  public enum Flaky {
    ON;

    static {
      if (Boolean.getBoolean("flaky.fail")) throw new IllegalStateException("flaky enum");
    }
  }

  @Reloadable("fault.value")
  static String value = "default";

  @Reloadable("fault.flaky")
  static Flaky flaky;

  static volatile int others;
  static final CountDownLatch NEVER = new CountDownLatch(1);

  private FaultHost() {}

  @OnReload
  static void a_throws() {
    if (value.equals("throw")) throw new IllegalStateException("boom from a callback");
  }

  @OnReload
  static void b_blocks() throws InterruptedException {
    if (value.equals("block")) NEVER.await();
  }

  @OnReload
  static void c_counts() {
    others++;
  }

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      p.setProperty("others", Integer.toString(others));
      p.setProperty("value", value);
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }
}
