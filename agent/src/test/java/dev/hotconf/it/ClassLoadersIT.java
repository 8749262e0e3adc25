package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotconf.Reloadable;
import dev.hotconf.it.plugin.Plugin;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Class loaders and libraries of real applications: child-first loaders, the host's own libs. */
class ClassLoadersIT {
  static List<Path> jdks() {
    return Jdks.all();
  }

  /** A jar with Plugin and a copy of the API, as a plugin or a web application ships it. */
  private static Path pluginJar(Path dir) throws Exception {
    Path jar = dir.resolve("plugin.jar");
    Path apiJar =
        Path.of(Reloadable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String entry = Plugin.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        JarFile api = new JarFile(apiJar.toFile());
        InputStream plugin = Plugin.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new JarEntry(entry));
      plugin.transferTo(out);
      for (JarEntry e : Collections.list(api.entries())) {
        if (!e.getName().endsWith(".class")) continue;
        out.putNextEntry(new JarEntry(e.getName()));
        try (InputStream in = api.getInputStream(e)) {
          in.transferTo(out);
        }
      }
    }
    return jar;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aChildFirstLoaderWithItsOwnApiCopyIsBoundAndReloaded(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "plugin:\n  greeting: hi\n  limit: 5\n");
    Path state = dir.resolve("state.properties");
    try (ForkedJvm jvm =
        ForkedJvm.start(
            jdk,
            "config=" + config,
            List.of(),
            "dev.hotconf.it.host.LoaderHost",
            state.toString(),
            pluginJar(dir).toString())) {
      Host host = Host.attach(jvm, config, state);
      Properties s = host.await("plugin", "hi|5|1|");
      assertEquals("true", s.getProperty("ownLoader"));
      assertEquals("true", s.getProperty("ownApi"), "the plugin's annotations are its own copy");
      Files.writeString(config, "plugin:\n  greeting: hello\n  limit: 6\n");
      jvm.signal("HUP");
      host.await("plugin", "hello|6|2|SIGHUP");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aHostWithItsOwnOlderLibrariesKeepsWorkingAndSoDoesTheAgent(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.conf");
    Files.writeString(config, "conflict.value = first\n");
    Path state = dir.resolve("state.properties");
    List<String> classPath =
        new ArrayList<>(List.of(ForkedJvm.hostClassPath().split(File.pathSeparator)));
    try (Stream<Path> libs = Files.list(Path.of(System.getProperty("hotconf.conflict.libs")))) {
      classPath.addAll(libs.map(Path::toString).sorted().collect(Collectors.toList()));
    }
    List<String> command =
        List.of(
            jdk.resolve("bin/java").toString(),
            "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config,
            "-cp",
            String.join(File.pathSeparator, classPath),
            "dev.hotconf.it.host.ConflictHost",
            state.toString());
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      Properties s = host.await("value", "first");
      assertEquals("snakeyaml-1.33.jar", s.getProperty("yamlJar"));
      assertEquals("{a=[1, 2]}", s.getProperty("yaml"));
      assertEquals("config-1.3.4.jar", s.getProperty("configJar"));
      assertEquals("5", s.getProperty("config"));
      assertEquals("byte-buddy-1.12.19.jar", s.getProperty("byteBuddyJar"));
      assertEquals("true", s.getProperty("byteBuddy"));
      Files.writeString(config, "conflict.value = second\n");
      jvm.signal("HUP");
      host.await("value", "second");
    }
  }
}
