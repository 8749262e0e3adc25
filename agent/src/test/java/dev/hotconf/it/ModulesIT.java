package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotconf.Reloadable;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host on the module path whose package is neither exported nor opened: the agent opens what it
 * needs itself. The module is compiled here, as its own project would compile it.
 */
class ModulesIT {
  static final String MODULE_INFO = "module shop { requires dev.hotconf; }\n";

  static final String MAIN =
      """
      package shop.internal;

      import dev.hotconf.OnReload;
      import dev.hotconf.Reloadable;
      import java.io.OutputStream;
      import java.nio.file.*;
      import java.util.Properties;

      public final class Main {
        @Reloadable("shop.price") private static int price = 1;
        @Reloadable("shop.name") private String name = "default";
        private static volatile int reloads;

        @OnReload private static void reloaded() { reloads++; }

        public static void main(String[] args) throws Exception {
          Path state = Path.of(args[0]);
          Main main = new Main();
          System.out.println("READY");
          for (long heartbeat = 1; ; heartbeat++) {
            Properties p = new Properties();
            p.setProperty("heartbeat", Long.toString(heartbeat));
            p.setProperty("price", Integer.toString(price));
            p.setProperty("name", main.name);
            p.setProperty("reloads", Integer.toString(reloads));
            p.setProperty("named", Boolean.toString(Main.class.getModule().isNamed()));
            Path tmp = state.resolveSibling("state.tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) { p.store(out, null); }
            Files.move(tmp, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(10);
          }
        }
      }
      """;

  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void privateFieldsOfAClosedPackageInANamedModuleAreBound(Path jdk, @TempDir Path dir)
      throws Exception {
    Path apiJar =
        Path.of(Reloadable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("shop/internal"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
    Files.writeString(src.resolve("shop/internal/Main.java"), MAIN);
    Path classes = dir.resolve("mods/shop");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "--module-path",
            apiJar.toString(),
            "-d",
            classes.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("shop/internal/Main.java").toString());
    assertEquals(0, status, "the fixture module compiles");

    Path config = dir.resolve("shop.yaml");
    Files.writeString(config, "shop:\n  price: 10\n  name: corner\n");
    Path state = dir.resolve("state.properties");
    List<String> command =
        List.of(
            jdk.resolve("bin/java").toString(),
            "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config,
            "--module-path",
            classes + File.pathSeparator + apiJar,
            "-m",
            "shop/shop.internal.Main",
            state.toString());
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      Properties s = host.await("price", "10");
      assertEquals("corner", s.getProperty("name"));
      assertEquals("true", s.getProperty("named"));
      Files.writeString(config, "shop:\n  price: 12\n  name: corner\n");
      jvm.signal("HUP");
      assertEquals("12", host.await("reloads", "1").getProperty("price"));
    }
  }
}
