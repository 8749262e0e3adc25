package dev.hotconf.it.host;

import dev.hotconf.Reloadable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Loads {@code Plugin} from a jar through a child-first class loader (as application servers and
 * plugin systems do) that carries its own copy of the hotconf API.
 *
 * <p>Usage: {@code LoaderHost STATE_FILE PLUGIN_JAR}
 */
public final class LoaderHost {
  private LoaderHost() {}

  /** Looks in its own jar first, then asks the parent. */
  static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && !name.startsWith("java.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            // not in the plugin jar
          }
        }
        if (c == null) c = getParent().loadClass(name);
        if (resolve) resolveClass(c);
        return c;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    URL jar = Path.of(args[1]).toUri().toURL();
    ClassLoader loader = new ChildFirst(new URL[] {jar}, LoaderHost.class.getClassLoader());
    Class<?> type = Class.forName("dev.hotconf.it.plugin.Plugin", true, loader);
    Object plugin = type.getDeclaredConstructor().newInstance();
    Class<?> annotation =
        type.getDeclaredField("greeting").getDeclaredAnnotations()[0].annotationType();
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      p.setProperty("plugin", (String) type.getMethod("describe").invoke(plugin));
      p.setProperty("ownLoader", Boolean.toString(type.getClassLoader() == loader));
      p.setProperty("ownApi", Boolean.toString(annotation != Reloadable.class));
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }
}
