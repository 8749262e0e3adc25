package dev.hotconf.agent.natives;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jnr.constants.platform.Signal;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * The POSIX calls the agent and its command line need and the JDK lacks. Loaded only in the agent's
 * private class loader, and called reflectively with JDK types only.
 */
public final class Jnr {
  /** {@code signal(2)}, to put a disposition back to its default. */
  public interface LibC {
    /** Sets the disposition of {@code signum}; a null handler is {@code SIG_DFL}. */
    Pointer signal(int signum, Pointer handler);
  }

  private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

  private Jnr() {}

  /**
   * Sends a signal.
   *
   * @param name the signal without {@code SIG}, e.g. {@code HUP}
   * @return 0, or the errno of the failure
   */
  public static int kill(long pid, String name) {
    int result = POSIX.kill((int) pid, number(name));
    return result == 0 ? 0 : POSIX.errno();
  }

  /** {@code strerror} of an errno, for messages. */
  public static String describe(int errno) {
    return POSIX.strerror(errno);
  }

  /**
   * Puts the disposition of a signal back to its default, so that the JVM agrees to handle a signal
   * it inherited as ignored (as under {@code nohup}).
   */
  public static void resetToDefault(String name) {
    LibC libc = LibraryLoader.create(LibC.class).load("c");
    libc.signal(number(name), null);
  }

  /**
   * Sends one datagram to a Unix socket: the service manager's notification protocol. A path
   * starting with {@code @} names an abstract socket.
   */
  public static void send(String socket, String message) throws IOException {
    String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
    try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
      channel.send(
          ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), new UnixSocketAddress(path));
    }
  }

  private static int number(String name) {
    return Signal.valueOf("SIG" + name).intValue();
  }
}
