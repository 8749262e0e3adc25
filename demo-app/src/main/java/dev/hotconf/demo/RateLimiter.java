package dev.hotconf.demo;

import dev.hotconf.Reloadable;

/** Admits at most {@code limits.requests-per-second} requests in each second. */
final class RateLimiter {
  @Reloadable("limits.requests-per-second")
  private int perSecond = 10;

  private long second;
  private int used;

  int perSecond() {
    return perSecond;
  }

  synchronized boolean tryAcquire() {
    long now = System.nanoTime() / 1_000_000_000L;
    if (now != second) {
      second = now;
      used = 0;
    }
    return used++ < perSecond;
  }
}
