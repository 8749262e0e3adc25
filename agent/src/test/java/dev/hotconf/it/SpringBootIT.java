package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real Spring Boot executable jar ({@code java -jar app.jar}, classes in its own launched class
 * loader, Spring's own snakeyaml beside ours): the component Spring hands out is the object that
 * changes.
 */
class SpringBootIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aComponentInAnExecutableJarIsBoundAndReloaded(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("greeter.yaml");
    Files.writeString(config, "greeter:\n  message: hello\n  limit: 3\n");
    Path state = dir.resolve("state.properties");
    List<String> command =
        List.of(
            jdk.resolve("bin/java").toString(),
            "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config,
            "-jar",
            System.getProperty("hotconf.spring.jar"),
            state.toString());
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      Properties s = host.await("greeter", "hello|3|1");
      assertEquals("dev.hotconf.fixture.spring.Greeter", s.getProperty("beanClass"), "no proxy");
      assertTrue(s.getProperty("loader").contains("LaunchedClassLoader"), s.getProperty("loader"));

      Files.writeString(config, "greeter:\n  message: bonjour\n  limit: 4\n");
      jvm.signal("HUP");
      host.await("greeter", "bonjour|4|2");
      assertTrue(
          jvm.awaitMatch(
                  "reload applied \\(SIGHUP\\): generation 2 "
                      + ForkedJvm.SHORT_HASH
                      + ", 2 keys changed",
                  1)
              .contains("(greeter.limit, greeter.message)"));
    }
  }
}
