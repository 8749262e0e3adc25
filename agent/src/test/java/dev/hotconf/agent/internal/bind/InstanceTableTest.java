package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weak instance table: growth, sweeping, and registration racing a commit. */
class InstanceTableTest {
  @TempDir Path dir;
  private int files;

  static class Item {
    @Reloadable("item.value")
    int value = -1;
  }

  private Snapshot snapshot(String yaml) throws Exception {
    Path file = dir.resolve("app" + files++ + ".yaml");
    Files.writeString(file, yaml);
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  /** Collects until {@code probe} is cleared: then every object unreachable before it is too. */
  private static void collectGarbage() throws InterruptedException {
    WeakReference<Object> probe = new WeakReference<>(new Object());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (probe.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(5);
    }
    assertEquals(null, probe.get(), "no collection happened within 10 s");
  }

  @Test
  void entriesOfDroppedObjectsGoAtTheNextSweepAfterACollection() throws Exception {
    InstanceTable table = new InstanceTable();
    List<Object> kept = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Object o = new Object();
      table.add(o, null);
      if (i % 10 == 0) kept.add(o);
    }
    assertEquals(10_000, table.entries(), "nothing is known dead before a collection");
    collectGarbage();
    assertEquals(1_000, table.liveCount());
    table.sweep(System.nanoTime());
    assertEquals(1_000, table.entries(), "a sweep after a collection keeps only the live");
    assertEquals(1_000, kept.size());
  }

  @Test
  void aFullStripeCompactsInsteadOfGrowingOnceACollectionRan() throws Exception {
    InstanceTable table = new InstanceTable();
    // One thread fills one stripe: every append after a collection finds the dead and drops
    // them when the stripe fills, without any sweeper.
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 5_000; i++) table.add(new Object(), null);
      collectGarbage();
    }
    for (int i = 0; i < 5_000; i++) table.add(new Object(), null);
    assertTrue(
        table.entries() <= 2 * 5_000 + 64,
        "dead entries were dropped as the stripe filled: " + table.entries());
  }

  @Test
  void entriesStayBoundedByTheLiveUnderChurnWithTheSweeper() throws Exception {
    InstanceTable table = new InstanceTable();
    List<Object> live = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      Object o = new Object();
      live.add(o);
      table.add(o, null);
    }
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < 100_000; i++) table.add(new Object(), null);
      collectGarbage();
      table.sweep(System.nanoTime());
      assertTrue(
          table.entries() <= 2 * live.size(),
          "round " + round + ": " + table.entries() + " entries for " + live.size() + " live");
    }
    assertEquals(live.size(), table.liveCount());
  }

  /**
   * The guarantee a reload gives: an object constructed while a commit runs — bound from the old
   * values, registered while the commit walks the instances — ends up with the new values.
   */
  @Test
  void objectsConstructedDuringCommitsEndUpWithTheLastValues() throws Exception {
    Registry registry = new Registry(snapshot("item: {value: 0}\n"));
    int threads = 4;
    List<Item> kept = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger committed = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(threads);
    List<Thread> constructors = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                started.countDown();
                try {
                  // A batch per commit, started as the previous commit ends: construction
                  // overlaps every commit whatever the machine's speed, and the number of objects
                  // stays bounded whatever the heap (a big one collects rarely).
                  int seen = -1;
                  for (int i = 0; !stop.get(); ) {
                    int now = committed.get();
                    if (now == seen) {
                      Thread.onSpinWait();
                      continue;
                    }
                    seen = now;
                    for (int end = i + 1_000; i < end; i++) {
                      Item item = new Item();
                      registry.constructed(item, Item.class);
                      if (i % 64 == 0) kept.add(item);
                    }
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      thread.start();
      constructors.add(thread);
    }
    started.await();
    int last = 0;
    for (int generation = 1; generation <= 200; generation++) {
      last = generation;
      registry.commit(registry.plan(snapshot("item: {value: " + generation + "}\n")));
      committed.set(generation);
    }
    stop.set(true);
    for (Thread t : constructors) t.join();
    assertEquals(null, failure.get());
    assertTrue(kept.size() > 100, "constructors ran: " + kept.size());
    int stale = 0;
    synchronized (kept) {
      for (Item item : kept) {
        if (item.value != last) stale++;
      }
    }
    assertEquals(0, stale, "objects that kept older values, of " + kept.size());
  }

  @Test
  void anObjectWhoseDefaultsDifferKeepsItsOwnAndGetsThemBackWhenTheKeyGoes() throws Exception {
    Registry registry = new Registry(snapshot("item: {value: 5}\n"));
    Item usual = new Item();
    registry.constructed(usual, Item.class);
    Item special = new Item();
    special.value = 99; // what its constructor left there
    registry.constructed(special, Item.class);
    assertEquals(5, usual.value);
    assertEquals(5, special.value);
    registry.commit(registry.plan(snapshot("other: 1\n")));
    assertEquals(-1, usual.value, "the shared default");
    assertEquals(99, special.value, "its own default");
  }
}
