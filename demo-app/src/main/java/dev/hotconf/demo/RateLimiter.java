package dev.hotconf.demo;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
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

  /** When only the limit changed, the demo's own callback does not run: publish from here. */
  @OnReload
  void reloaded(ReloadEvent event) {
    DemoApp.publish(event.generation());
  }

  /** Admits a request under {@code limit}, the limit of the view the request is served with. */
  synchronized boolean tryAcquire(int limit) {
    long now = System.nanoTime() / 1_000_000_000L;
    if (now != second) {
      second = now;
      used = 0;
    }
    return used++ < limit;
  }
}
