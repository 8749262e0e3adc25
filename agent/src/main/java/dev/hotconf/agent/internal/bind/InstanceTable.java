package dev.hotconf.agent.internal.bind;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The live instances of one class, held weakly, so that a reload can write their fields and run
 * their callbacks. Its cost is bounded by the live objects, never by how many were ever made:
 *
 * <ul>
 *   <li>Registering an object is O(1) and allocates one {@link Tracked} (a weak reference, 32
 *       bytes). It takes no lock shared by all constructing threads: the table is split into
 *       stripes (a power of two, at least twice the cores, at most 64) chosen by thread id, each
 *       guarded by a spin flag that only the threads whose ids map to it and the agent's own
 *       threads (reload, sweeper) contend for.
 *   <li>Dead entries go in bulk, never one by one. Only a garbage collection can tell that an
 *       object died, so a stripe is compacted when it fills or every {@value #LOOK_EVERY} appends
 *       if a collection ran since its last compaction (else a full stripe grows by half), and after
 *       each collection the {@link Sweeper} compacts the stripes that grew, and looks again, ever
 *       more rarely, at quiet ones: dropped objects' entries die young with them. A compacted
 *       stripe keeps room for half its live entries again: with its 32-byte entry, a live object
 *       costs at most about 38 bytes.
 *   <li>Compaction copies into a new array and never changes an array in place, so a walk (a reload
 *       writing fields, callbacks) reads a stripe's array and size under the flag, then visits them
 *       without it: appends made meanwhile land beyond what it read, and the constructor that made
 *       them checks the published values again after registering (see {@link
 *       ClassBindings#bindInstance}).
 * </ul>
 */
final class InstanceTable {
  /** Room a new or compacted stripe has for appends, at least. */
  static final int MIN_ROOM = 16;

  /** How many appends between two looks at whether a collection ran (a power of two). */
  static final int LOOK_EVERY = 1024;

  /** How long a stripe that nobody appends to may wait for a background compaction, at most. */
  static final long IDLE_SWEEP_NANOS = 5_000_000_000L;

  /**
   * How soon a quiet stripe is looked at again after a pass that found nothing to drop; doubled
   * after each such pass, up to {@link #IDLE_SWEEP_NANOS}. A young collection leaves alone the
   * objects that old-generation entries point to (G1 treats those references as strong until its
   * next marking), so a pass that finds every entry alive proves little: it is repeated, ever more
   * rarely, so that a quiet table costs little and a dead one is found soon after a full or mixed
   * collection.
   */
  static final long RECHECK_NANOS = 50_000_000L;

  /** A weakly held instance and, if they differ from the class's shared ones, its defaults. */
  static final class Tracked extends WeakReference<Object> {
    /** The values the instance's bound fields had before hotconf wrote them; null: shared ones. */
    final Object[] defaults;

    Tracked(Object object, Object[] defaults) {
      super(object);
      this.defaults = defaults;
    }
  }

  /** Receives each live instance of a walk. */
  interface Visitor {
    void visit(Object instance, Tracked entry);
  }

  private static final class Counter implements Visitor {
    int count;

    @Override
    public void visit(Object instance, Tracked entry) {
      count++;
    }
  }

  private final Stripe[] stripes;
  private final int mask;

  InstanceTable() {
    int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1);
    n = Math.max(2, Math.min(64, n * 2));
    stripes = new Stripe[n];
    for (int i = 0; i < n; i++) stripes[i] = new Stripe();
    mask = n - 1;
  }

  /** Starts tracking {@code object}; {@code defaults} is null when they are the shared ones. */
  Tracked add(Object object, Object[] defaults) {
    Tracked entry = new Tracked(object, defaults);
    stripes[(int) Thread.currentThread().getId() & mask].add(entry);
    return entry;
  }

  /** Visits every live instance; instances added while it runs may or may not be visited. */
  void forEachLive(Visitor visitor) {
    for (Stripe stripe : stripes) stripe.forEachLive(visitor);
  }

  /** The number of live instances now. */
  int liveCount() {
    int count = 0;
    for (Stripe stripe : stripes) count += stripe.liveCount();
    return count;
  }

  /** The entries held, live or not yet known dead: what the table costs. */
  int entries() {
    int count = 0;
    for (Stripe stripe : stripes) count += stripe.entries();
    return count;
  }

  /** The background compaction after a collection: stripes that grew, or long untouched. */
  void sweep(long now) {
    for (Stripe stripe : stripes) stripe.sweepInBackground(now);
  }

  /** Keeps the spin flags of neighbouring stripes off one cache line. */
  @SuppressWarnings("unused")
  abstract static class Padding {
    long p01, p02, p03, p04, p05, p06, p07, p08;
  }

  /** The guarded part of a stripe. */
  abstract static class StripeFields extends Padding {
    /** 0 free, 1 held. */
    volatile int flag;

    Tracked[] slots = new Tracked[MIN_ROOM]; // flag
    int size; // flag
    int appendsSinceSweep; // flag
    long lastSweepNanos = System.nanoTime(); // flag

    /** Cleared by the first collection after the last compaction began. */
    WeakReference<Object> collectedSince = new WeakReference<>(new Object()); // flag

    /**
     * Whether the next background pass should look again although nothing was appended since the
     * last compaction: entries appended before it may not have been through a collection yet, or it
     * dropped some (more of their generation may die at the next one), or a collection ran while it
     * looked. A pass over a quiet stripe that drops nothing clears it: a table at rest is looked at
     * once more, not after every collection.
     */
    boolean recheck; // flag

    /** Background passes in a row that found nothing to drop and nothing appended. */
    int unproductive; // flag
  }

  /** One stripe: an append-only array between compactions. */
  @SuppressWarnings("unused")
  static final class Stripe extends StripeFields {
    private static final AtomicIntegerFieldUpdater<StripeFields> FLAG =
        AtomicIntegerFieldUpdater.newUpdater(StripeFields.class, "flag");

    long q01, q02, q03, q04, q05, q06, q07, q08;

    private void lock() {
      if (FLAG.compareAndSet(this, 0, 1)) return;
      for (int spins = 0; !FLAG.compareAndSet(this, 0, 1); spins++) {
        if (spins < 64) Thread.onSpinWait();
        else Thread.yield();
      }
    }

    private void unlock() {
      FLAG.lazySet(this, 0);
    }

    void add(Tracked entry) {
      lock();
      try {
        // Full, or a while since the last look and a collection ran since the last compaction:
        // drop the dead now, before the next collection has to copy their entries again.
        if (size == slots.length
            || (++appendsSinceSweep & (LOOK_EVERY - 1)) == 0 && collectedSince.get() == null) {
          makeRoom();
        }
        slots[size++] = entry;
      } finally {
        unlock();
      }
    }

    /**
     * A full stripe: compact it if a collection ran since the last compaction (so dead entries are
     * known), else grow it by half.
     */
    private void makeRoom() {
      if (collectedSince.get() == null) {
        compactLocked(slots, size);
        if (size < slots.length) return;
      }
      if (size == slots.length) slots = Arrays.copyOf(slots, size + Math.max(size / 2, MIN_ROOM));
    }

    /** Replaces the array by one holding the live entries of {@code from[0, n)}. */
    private void compactLocked(Tracked[] from, int n) {
      WeakReference<Object> probe = new WeakReference<>(new Object());
      int live = 0;
      for (int i = 0; i < n; i++) {
        if (from[i].get() != null) live++;
      }
      Tracked[] kept = new Tracked[live + Math.max(live / 2, MIN_ROOM)];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (from[i].get() != null && k < live) kept[k++] = from[i];
      }
      slots = kept;
      size = k;
      sweptLocked(probe, true);
    }

    /**
     * @param probe made before the entries were looked at: cleared if a collection ran since
     * @param unsettled whether the entries may not all have been judged by a collection yet
     */
    private void sweptLocked(WeakReference<Object> probe, boolean unsettled) {
      appendsSinceSweep = 0;
      lastSweepNanos = System.nanoTime();
      collectedSince = probe;
      recheck = unsettled || probe.get() == null;
    }

    /**
     * Compacts off the constructing threads' path: the scan runs without the flag, on the array as
     * it was; the swap takes the flag and adds what was appended meanwhile. A stripe compacted by
     * its appender in between is left alone.
     */
    void sweepInBackground(long now) {
      Tracked[] seen;
      int seenSize;
      boolean grew;
      lock();
      try {
        grew = appendsSinceSweep > 0;
        long wait = Math.min(IDLE_SWEEP_NANOS, RECHECK_NANOS << Math.min(unproductive, 20));
        boolean due = now - lastSweepNanos >= wait;
        if (size == 0 || !grew && !recheck && !due) return;
        seen = slots;
        seenSize = size;
      } finally {
        unlock();
      }
      WeakReference<Object> probe = new WeakReference<>(new Object());
      Tracked[] kept = new Tracked[seenSize];
      int k = 0;
      for (int i = 0; i < seenSize; i++) {
        if (seen[i].get() != null) kept[k++] = seen[i];
      }
      lock();
      try {
        if (slots != seen) return;
        int added = size - seenSize;
        Tracked[] next = new Tracked[k + added + Math.max((k + added) / 2, MIN_ROOM)];
        System.arraycopy(kept, 0, next, 0, k);
        System.arraycopy(slots, seenSize, next, k, added);
        slots = next;
        size = k + added;
        boolean productive = grew || k < seenSize || added > 0;
        sweptLocked(probe, productive);
        unproductive = productive ? 0 : unproductive + 1;
      } finally {
        unlock();
      }
    }

    void forEachLive(Visitor visitor) {
      Tracked[] seen;
      int seenSize;
      lock();
      try {
        seen = slots;
        seenSize = size;
      } finally {
        unlock();
      }
      for (int i = 0; i < seenSize; i++) {
        Tracked entry = seen[i];
        Object object = entry.get();
        if (object != null) visitor.visit(object, entry);
      }
    }

    int liveCount() {
      Counter counter = new Counter();
      forEachLive(counter);
      return counter.count;
    }

    int entries() {
      lock();
      try {
        return size;
      } finally {
        unlock();
      }
    }
  }
}
