package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The pidfile: written once the agent is ready (atomically), removed when the JVM exits. */
public final class Pidfile {
  private Pidfile() {}

  /** Writes this process's id to {@code path} and arranges for its removal at exit. */
  public static void write(Path path) {
    long pid = ProcessHandle.current().pid();
    try {
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.write(tmp, (pid + "\n").getBytes(StandardCharsets.US_ASCII));
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Log.warn("cannot write the pidfile " + path + ": " + e);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    // Only our own: another process may have taken the path since.
                    String content = Files.readString(path, StandardCharsets.US_ASCII).trim();
                    if (content.equals(Long.toString(pid))) Files.deleteIfExists(path);
                  } catch (IOException e) {
                    // gone already
                  }
                },
                "hotconf-pidfile"));
  }
}
