package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The pidfile: written once the agent is ready, atomically (a new temporary file renamed over the
 * path, so that nothing already there — a FIFO, say — is ever opened), and removed when the JVM
 * exits if it still holds this process's id.
 */
public final class Pidfile {
  /** A pidfile is a number and a newline: anything longer is not ours. */
  private static final long MAX_BYTES = 64;

  private Pidfile() {}

  /** Writes this process's id to {@code path} and arranges for its removal at exit. */
  public static void write(Path path) {
    long pid = ProcessHandle.current().pid();
    Path dir = path.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".hotconf-pid-", ".tmp");
      try {
        Files.write(tmp, (pid + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: its default permissions stay
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      Log.warn("cannot write the pidfile " + path + ": " + e);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(new Removal(path, pid), "hotconf-pidfile"));
  }

  /** At exit: removes the pidfile if it is still ours (another process may have taken it). */
  private static final class Removal implements Runnable {
    private final Path path;
    private final long pid;

    Removal(Path path, long pid) {
      this.path = path;
      this.pid = pid;
    }

    @Override
    public void run() {
      try {
        byte[] bytes = ConfigFile.readStable(path, path.toString(), MAX_BYTES);
        String content = new String(bytes, StandardCharsets.US_ASCII).trim();
        if (content.equals(Long.toString(pid))) Files.deleteIfExists(path);
      } catch (IOException | LoadException | RuntimeException e) {
        // gone already, or not ours any more
      }
    }
  }
}
