package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.natives.Natives;
import dev.hotconf.agent.internal.reload.Outcome;
import dev.hotconf.agent.internal.reload.Reloader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * systemd's notification protocol, for {@code Type=notify-reload} (and {@code Type=notify}): {@code
 * READY=1} once the agent is ready, {@code RELOADING=1} with {@code MONOTONIC_USEC=} when a reload
 * starts, then {@code READY=1} and a {@code STATUS=} line with the outcome. The datagrams go out on
 * a thread of their own, in order, so the native library loads off the start-up path.
 */
public final class SystemdNotifier implements Reloader.Listener {
  private final String socket;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "hotconf-notify");
            t.setDaemon(true);
            return t;
          });

  private SystemdNotifier(String socket) {
    this.socket = socket;
  }

  /**
   * Starts notifying when {@code NOTIFY_SOCKET} is set: sends {@code READY=1} now.
   *
   * @return the notifier to add as a reload listener, or {@code null} outside systemd
   */
  public static SystemdNotifier startIfNotified(long generation) {
    String socket = System.getenv("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) return null;
    SystemdNotifier notifier = new SystemdNotifier(socket);
    notifier.send("READY=1\nSTATUS=hotconf: generation " + generation);
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
    sender.execute(
        () -> {
          try {
            Natives.send(socket, message);
          } catch (Natives.Unavailable e) {
            Log.warn("cannot notify the service manager at " + socket + ": " + e.getMessage());
          }
        });
  }
}
