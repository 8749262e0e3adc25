package dev.hotconf.it.host;

import dev.hotconf.Reloadable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Creates and drops a million bound objects and prints what the heap and the constructors saw, as
 * one line: {@code SCALE baseline=… live=… dropped=… perInstance=… churnMaxMicros=…
 * churnP999Micros=…}. Run with and without the agent to see what the agent retains.
 *
 * <p>Usage: {@code ScaleHost COUNT}
 */
public final class ScaleHost {
  /** A small object with one bound field. */
  static final class Item {
    @Reloadable("item.size")
    int size = 1;
  }

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private ScaleHost() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    new Item(); // registers the class, starts the cleaner
    long baseline = settledHeap(Long.MAX_VALUE);

    long[] liveAndSizes = createAndMeasure(count);
    long live = liveAndSizes[0];
    long sizes = liveAndSizes[1];
    // The cleaner compacts as references are cleared: wait for the heap to come back, with a
    // deadline, rather than a fixed sleep.
    long dropped = settledHeap(baseline + 4 * 1024 * 1024);

    // Churn: a million short-lived objects while the earlier ones are cleaned away; the slowest
    // constructions show any pause the registry's clean-up causes.
    long[] nanos = new long[count];
    Item keep = null;
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      keep = new Item();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "SCALE count=%d sum=%d baseline=%d live=%d dropped=%d perInstance=%d churnMaxMicros=%d"
            + " churnP999Micros=%d keep=%d%n",
        count,
        sizes,
        baseline,
        live,
        dropped,
        (live - baseline) / count,
        nanos[count - 1] / 1000,
        nanos[(int) (count * 0.999)] / 1000,
        keep.size);
  }

  /** Creates the objects in a frame of its own, so that nothing references them once it returns. */
  private static long[] createAndMeasure(int count) throws InterruptedException {
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) items.add(new Item());
    long live = settledHeap(Long.MAX_VALUE);
    long sizes = 0;
    for (Item item : items) sizes += item.size;
    return new long[] {live, sizes};
  }

  /** Heap used after full GCs, retried until it is at most {@code target} or 10 s passed. */
  private static long settledHeap(long target) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long used;
    do {
      System.gc();
      Thread.sleep(20);
      System.gc();
      used = MEMORY.getHeapMemoryUsage().getUsed();
    } while (used > target && System.nanoTime() < deadline);
    return used;
  }
}
