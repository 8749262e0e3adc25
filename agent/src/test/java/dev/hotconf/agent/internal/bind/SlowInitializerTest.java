package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that commits while a class's static initializer still runs on another thread does not
 * wait for it: the initializer applies the published values itself when it ends.
 */
class SlowInitializerTest {
  static Registry registry;
  static final CountDownLatch entered = new CountDownLatch(1);
  static final CountDownLatch release = new CountDownLatch(1);

  /** Registers (through an object made in its initializer), then takes its time. */
  static class Slow {
    @Reloadable("slow.value")
    static String value = "default";

    @Reloadable("slow.instance")
    String instance = "default";

    static final Slow ONE;

    static {
      ONE = new Slow();
      registry.constructed(ONE, Slow.class); // what an instrumented constructor reports
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      registry.initialized(Slow.class); // what the end of an instrumented initializer reports
    }
  }

  @TempDir Path dir;

  private Snapshot snapshot(String name, String yaml) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  @Test
  void aCommitDoesNotWaitForAnInitializerRunningElsewhere() throws Exception {
    registry = new Registry(snapshot("a.yaml", "slow: {value: first, instance: first}\n"));
    Thread initializing =
        new Thread(
            () -> {
              try {
                Class.forName(Slow.class.getName(), true, Slow.class.getClassLoader());
              } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
              }
            });
    initializing.start();
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the initializer started");
    Snapshot next = snapshot("b.yaml", "slow: {value: second, instance: second}\n");
    Thread committing = new Thread(() -> registry.commit(registry.plan(next)));
    committing.start();
    committing.join(10_000);
    assertFalse(committing.isAlive(), "the commit waited for the initializer on another thread");
    release.countDown();
    initializing.join(10_000);
    assertEquals("second", Slow.value, "the initializer applied the published value itself");
    assertEquals("second", Slow.ONE.instance);
  }
}
