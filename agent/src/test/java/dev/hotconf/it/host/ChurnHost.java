package dev.hotconf.it.host;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Constructs and drops bound objects flat out on several threads, keeping a bounded sample of them,
 * while reloads come in. After each reload's callbacks it counts the kept objects that do not hold
 * that reload's value (there must be none) and writes its state: {@code generation}, {@code stale},
 * {@code kept}, {@code constructed}, {@code heapKb} (after a full collection).
 *
 * <p>Usage: {@code ChurnHost STATE THREADS}
 */
public final class ChurnHost {
  /** The constructed objects: one bound field. */
  static final class Item {
    @Reloadable("churn.value")
    int value = -1;
  }

  /** Kept objects: per thread a ring, so that most objects die young and the sample stays small. */
  private static final int RING = 512;

  private static List<AtomicReferenceArray<Item>> rings;
  private static final AtomicLong constructed = new AtomicLong();

  /** The configuration value that stops the churn, so that the heap can settle to its live set. */
  private static final int STOP_AT = 1000;

  private static volatile boolean stopped;
  private static long baselineKb;
  private static Path state;

  /** Hears every applied reload; reads the value the reload set from a fresh object. */
  static final class Watcher {
    @Reloadable("churn.value")
    static int value = -1;

    @OnReload
    static void reloaded(ReloadEvent event) throws Exception {
      check(event.generation());
    }
  }

  private ChurnHost() {}

  public static void main(String[] args) throws Exception {
    state = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    new Item(); // registers the class before the baseline
    baselineKb = settledHeapKb(3);
    rings = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      AtomicReferenceArray<Item> ring = new AtomicReferenceArray<>(RING);
      rings.add(ring);
      Thread thread =
          new Thread(
              () -> {
                for (long i = 0; !stopped; i++) {
                  Item item = new Item();
                  if ((i & 63) == 0) ring.set((int) ((i >> 6) % RING), item);
                  constructed.incrementAndGet();
                }
              },
              "churn-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    check(1);
    System.out.println("READY");
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * Heap used after full collections, the least of {@code rounds}: a collection finds dead objects,
   * the agent drops their entries right after it, and a later collection takes them.
   */
  static long settledHeapKb(int rounds) throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      Thread.sleep(50);
    }
    return least / 1024;
  }

  /** Counts kept objects that do not hold the value all of them must hold now. */
  static synchronized void check(long generation) throws Exception {
    int expected = Watcher.value;
    if (expected == STOP_AT) {
      stopped = true;
      Thread.sleep(100); // the churn threads see it
    }
    int stale = 0;
    int kept = 0;
    for (AtomicReferenceArray<Item> ring : rings) {
      for (int i = 0; i < ring.length(); i++) {
        Item item = ring.get(i);
        if (item == null) continue;
        kept++;
        if (item.value != expected) stale++;
      }
    }
    long heapKb = settledHeapKb(stopped ? 10 : 2);
    Properties p = new Properties();
    p.setProperty("heartbeat", Long.toString(System.nanoTime()));
    p.setProperty("generation", Long.toString(generation));
    p.setProperty("value", Integer.toString(expected));
    p.setProperty("stale", Integer.toString(stale));
    p.setProperty("kept", Integer.toString(kept));
    p.setProperty("constructed", Long.toString(constructed.get()));
    p.setProperty("heapKb", Long.toString(heapKb));
    p.setProperty("baselineKb", Long.toString(baselineKb));
    HostState.write(p, state);
  }
}
