package dev.hotconf.bench;

import dev.hotconf.Reloadable;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JVM that {@link Churn} forks, with or without the agent: it constructs and drops objects of a
 * class with one bound instance field, or keeps many of them alive, and prints one machine-readable
 * {@code RESULT key=value ...} line.
 *
 * <p>Usage: {@code ChurnHost loop THREADS WARMUP_SECONDS SECONDS EXPECTED SETTLE_SECONDS} or {@code
 * ChurnHost live OBJECTS EXPECTED SETTLE_SECONDS}, where {@code EXPECTED} is the value the bound
 * field must end with (the configuration's with the agent, the default without) and {@code
 * SETTLE_SECONDS} how long to wait before a last look at the heap.
 */
public final class ChurnHost {
  /** The bound class: one instance field, the smallest object the agent tracks. */
  static final class Item {
    @Reloadable("churn.value")
    int value = 1;
  }

  /** What one worker reports: its count, and the last object it made (to check its value). */
  static final class Sink {
    Item last;
    long count;
  }

  /** JMH asks for this sentence before it hands out a blackhole outside a benchmark. */
  private static final String BLACKHOLE_CONSENT =
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int STOP = 2;

  /** Read by the workers on every object: a plain load on x86, and the same with or without. */
  private static volatile int phase = WARMUP;

  private ChurnHost() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "loop":
        loop(
            Integer.parseInt(args[1]),
            Double.parseDouble(args[2]),
            Double.parseDouble(args[3]),
            Integer.parseInt(args[4]),
            Double.parseDouble(args[5]));
        break;
      case "live":
        live(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /**
   * Constructs and drops objects flat out on {@code threads} threads; counts them after warm-up.
   */
  private static void loop(
      int threads, double warmupSeconds, double seconds, int expected, double settleSeconds)
      throws Exception {
    check(
        new Item(),
        expected); // the class is loaded, initialized and registered before the baseline
    long before = heapAfterFullGc();
    Sink[] sinks = new Sink[threads];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int slot = t;
      workers[t] =
          new Thread(
              () -> {
                Sink sink = new Sink();
                sinks[slot] = sink; // published to main by join()
                work(sink);
              },
              "churn-" + t);
      workers[t].start();
    }
    Thread.sleep((long) (warmupSeconds * 1000));
    long gcs0 = gcCount();
    long gcMs0 = gcMillis();
    long t0 = System.nanoTime();
    phase = MEASURE;
    Thread.sleep((long) (seconds * 1000));
    phase = STOP;
    long t1 = System.nanoTime();
    for (Thread w : workers) w.join();
    long gcs = gcCount() - gcs0;
    long gcMs = gcMillis() - gcMs0;
    long objects = 0;
    boolean ok = true;
    for (Sink s : sinks) {
      objects += s.count;
      ok &= s.last.value == expected;
    }
    Reference.reachabilityFence(sinks);
    long after = heapAfterFullGc();
    // Informational: a tracker may let go of dead objects' entries later, in the background.
    Thread.sleep((long) (settleSeconds * 1000));
    long settled = heapAfterFullGc();
    System.out.printf(
        Locale.ROOT,
        "RESULT objects=%d seconds=%.3f heapBeforeKb=%d heapAfterKb=%d heapSettledKb=%d gcs=%d"
            + " gcMs=%d ok=%b%n",
        objects,
        (t1 - t0) / 1e9,
        before / 1024,
        after / 1024,
        settled / 1024,
        gcs,
        gcMs,
        ok);
  }

  /**
   * The loop: every object goes to a JMH blackhole, which the JIT cannot see through, so the
   * allocation is neither scalar-replaced nor dropped; one blackhole per thread, and no reference
   * stored into a shared or old object, so that threads share nothing but the phase they read.
   */
  private static void work(Sink sink) {
    Blackhole hole = new Blackhole(BLACKHOLE_CONSENT);
    long n = 0;
    long atStart = 0;
    int seen = WARMUP;
    Item item;
    for (; ; ) {
      item = new Item();
      hole.consume(item);
      n++;
      int p = phase;
      if (p != seen) {
        if (p == STOP) break;
        seen = p;
        atStart = n;
      }
    }
    sink.last = item;
    sink.count = n - atStart;
  }

  /** Keeps {@code n} objects alive, then drops them; heap after a full GC at each step. */
  private static void live(int n, int expected, double settleSeconds) throws Exception {
    check(new Item(), expected);
    long before = heapAfterFullGc();
    Item[] items = new Item[n];
    for (int i = 0; i < n; i++) items[i] = new Item();
    long live = heapAfterFullGc();
    boolean ok = items[0].value == expected && items[n - 1].value == expected;
    Reference.reachabilityFence(items);
    items = null; // dropped: only the agent's entries (if any) may still hold memory
    long dropped = heapAfterFullGc();
    Thread.sleep((long) (settleSeconds * 1000));
    long settled = heapAfterFullGc();
    System.out.printf(
        Locale.ROOT,
        "RESULT objects=%d heapBeforeKb=%d heapLiveKb=%d heapDroppedKb=%d heapSettledKb=%d"
            + " ok=%b%n",
        n,
        before / 1024,
        live / 1024,
        dropped / 1024,
        settled / 1024,
        ok);
  }

  private static void check(Item item, int expected) {
    if (item.value != expected) {
      throw new IllegalStateException("churn.value is " + item.value + ", expected " + expected);
    }
  }

  /**
   * Heap used after full collections, repeated 100 ms apart until the heap stops shrinking (at most
   * 2 s): what is live, not what is waiting to be collected. A tracker of weak references lets go
   * of its entries for dead objects on a thread of its own, right after the collection that found
   * them dead; the next collection then frees those entries.
   */
  private static long heapAfterFullGc() throws InterruptedException {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    for (int round = 0; round < 20; round++) {
      Thread.sleep(100);
      System.gc();
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      boolean shrinking = now < used - used / 100;
      used = Math.min(used, now);
      if (!shrinking) break;
    }
    return used;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }
}
