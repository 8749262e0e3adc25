package dev.hotconf.it.host;

import com.typesafe.config.ConfigFactory;
import dev.hotconf.Reloadable;
import java.nio.file.Path;
import java.util.Properties;
import net.bytebuddy.ByteBuddy;
import org.yaml.snakeyaml.Yaml;

/**
 * A host that brings its own, older snakeyaml, typesafe-config and byte-buddy on its class path,
 * and uses them while the agent reloads its fields.
 *
 * <p>Usage: {@code ConflictHost STATE_FILE}
 */
public final class ConflictHost {
  @Reloadable("conflict.value")
  static String value = "default";

  private ConflictHost() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      p.setProperty("value", value);
      Object parsed = new Yaml().load("a: [1, 2]");
      p.setProperty("yaml", String.valueOf(parsed));
      p.setProperty("yamlJar", jarOf(Yaml.class));
      p.setProperty("config", Integer.toString(ConfigFactory.parseString("a = 5").getInt("a")));
      p.setProperty("configJar", jarOf(ConfigFactory.class));
      Class<?> generated =
          new ByteBuddy()
              .subclass(Object.class)
              .make()
              .load(ConflictHost.class.getClassLoader())
              .getLoaded();
      p.setProperty("byteBuddy", Boolean.toString(generated.getSuperclass() == Object.class));
      p.setProperty("byteBuddyJar", jarOf(ByteBuddy.class));
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }

  private static String jarOf(Class<?> type) {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath())
        .getFileName()
        .toString();
  }
}
