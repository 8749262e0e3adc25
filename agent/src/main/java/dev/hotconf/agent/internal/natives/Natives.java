package dev.hotconf.agent.internal.natives;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The POSIX calls the JDK lacks, through jnr. jnr's native stub binds its JNI symbols by class
 * name, so it cannot be relocated like the agent's other libraries: it ships whole as a jar nested
 * in the agent jar, and is extracted and loaded in a class loader of its own (whose parent is the
 * platform loader, so the application never sees it) on the first native call — never on the normal
 * start-up path.
 */
public final class Natives {
  private static final String NESTED = "/dev/hotconf/agent/natives/hotconf-native.jar";
  private static final String GLUE = "dev.hotconf.agent.natives.Jnr";

  private static Class<?> glue; // guarded by Natives.class

  private Natives() {}

  /** A native call that could not be made, with the reason. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static synchronized Class<?> glue() throws Unavailable {
    if (glue != null) return glue;
    try (InputStream in = Natives.class.getResourceAsStream(NESTED)) {
      if (in == null) throw new Unavailable(NESTED + " is missing from the agent jar", null);
      Path jar = Files.createTempFile("hotconf-native-", ".jar");
      jar.toFile().deleteOnExit();
      Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
      ClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      glue = Class.forName(GLUE, true, loader);
      return glue;
    } catch (IOException | ReflectiveOperationException | LinkageError e) {
      throw new Unavailable("native calls are unavailable here: " + e, e);
    }
  }

  private static Object call(String name, Class<?>[] types, Object... args) throws Unavailable {
    try {
      Method m = glue().getMethod(name, types);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new Unavailable(name + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new Unavailable(name + " failed: " + e, e);
    }
  }

  /**
   * Sends {@code SIG<name>} to {@code pid}.
   *
   * @return {@code null} on success, else the system's reason (e.g. "No such process")
   */
  public static String kill(long pid, String name) throws Unavailable {
    int errno = (Integer) call("kill", new Class<?>[] {long.class, String.class}, pid, name);
    if (errno == 0) return null;
    return (String) call("describe", new Class<?>[] {int.class}, errno);
  }

  /**
   * As {@link #resetToDefault}, with the reason it failed as the result ({@code null} on success):
   * callers on the start-up path need not load the exception class.
   */
  public static String tryResetToDefault(String name) {
    try {
      resetToDefault(name);
      return null;
    } catch (Unavailable e) {
      return e.getMessage();
    }
  }

  /** Puts the disposition of {@code SIG<name>} back to its default. */
  public static void resetToDefault(String name) throws Unavailable {
    call("resetToDefault", new Class<?>[] {String.class}, name);
  }

  /** Sends one datagram to the Unix socket {@code socket} ({@code @name} for abstract ones). */
  public static void send(String socket, String message) throws Unavailable {
    call("send", new Class<?>[] {String.class, String.class}, socket, message);
  }
}
