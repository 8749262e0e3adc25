package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.AgentThreads;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.Canonical;
import dev.hotconf.agent.internal.natives.Natives;
import dev.hotconf.agent.internal.reload.Outcome;
import dev.hotconf.agent.internal.reload.Reloader;
import java.util.ArrayDeque;

/**
 * systemd's notification protocol, for {@code Type=notify-reload} (and {@code Type=notify}): {@code
 * READY=1} once the agent is ready, {@code RELOADING=1} with {@code MONOTONIC_USEC=} when a reload
 * starts, then {@code READY=1} and a {@code STATUS=} line with the outcome and the configuration's
 * hash. The datagrams go out in order on a thread of their own ({@code hotconf-notify}), so the
 * native library loads off the start-up path; if the socket stops taking them, the newest few wait
 * and older ones are dropped — the service manager can wedge the notifier, never the agent.
 */
public final class SystemdNotifier implements Reloader.Listener, Runnable {
  /** Messages waiting to be sent before the oldest is dropped. */
  static final int MAX_PENDING = 16;

  private final String socket;
  private final ArrayDeque<String> pending = new ArrayDeque<>(); // guarded by itself
  private boolean warned;

  private SystemdNotifier(String socket) {
    this.socket = socket;
  }

  /**
   * Starts notifying when {@code NOTIFY_SOCKET} is set: sends {@code READY=1} now.
   *
   * @return the notifier to add as a reload listener, or {@code null} outside systemd
   */
  public static SystemdNotifier startIfNotified(Registry registry) {
    String socket = System.getenv("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) return null;
    long generation = registry.current().generation;
    String hash = registry.current().snapshot.hash();
    SystemdNotifier notifier = new SystemdNotifier(socket);
    AgentThreads.start("hotconf-notify", notifier);
    notifier.send(
        "READY=1\nSTATUS=hotconf: generation " + generation + " (" + Canonical.shorten(hash) + ")");
    return notifier;
  }

  @Override
  public void reloading(String cause) {
    // CLOCK_MONOTONIC, which System.nanoTime reads on Linux.
    send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000);
  }

  @Override
  public void finished(Outcome outcome) {
    send("READY=1\nSTATUS=hotconf: " + outcome.summary());
  }

  private void send(String message) {
    synchronized (pending) {
      if (pending.size() == MAX_PENDING) pending.removeFirst();
      pending.addLast(message);
      pending.notifyAll();
    }
  }

  @Override
  public void run() {
    while (true) {
      String message;
      synchronized (pending) {
        while (pending.isEmpty()) {
          try {
            pending.wait();
          } catch (InterruptedException e) {
            return; // the JVM is going away
          }
        }
        message = pending.removeFirst();
      }
      try {
        Natives.send(socket, message);
      } catch (Natives.Unavailable e) {
        if (!warned) {
          warned = true;
          Log.warn("cannot notify the service manager at " + socket + ": " + e.getMessage());
        }
      }
    }
  }
}
