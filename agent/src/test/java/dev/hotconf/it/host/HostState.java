package dev.hotconf.it.host;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** How hosts report what they see: a properties file replaced atomically. */
public final class HostState {
  private HostState() {}

  /** Every declared field, by name, as {@code String.valueOf} shows it, with its modifiers. */
  public static void dump(Class<?> type, Object target, String prefix, Properties into)
      throws IllegalAccessException {
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) == (target != null)) continue;
      if (f.getName().startsWith("callback") || f.getName().equals("loopExited")) continue;
      f.setAccessible(true);
      into.setProperty(prefix + f.getName(), String.valueOf(f.get(target)));
      into.setProperty(prefix + f.getName() + ".modifiers", Modifier.toString(f.getModifiers()));
    }
  }

  /** Replaces {@code state} with {@code p} in one rename, so a reader never sees half of it. */
  public static void write(Properties p, Path state) throws IOException {
    Path tmp = state.resolveSibling(state.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, null);
    }
    Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
