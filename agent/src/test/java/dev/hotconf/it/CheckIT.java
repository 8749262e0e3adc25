package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline {@code check} on applications as they are packaged: a Spring Boot executable jar, a
 * WAR, a jar whose manifest names the rest of the class path. A check that checked nothing says so
 * and fails: a deploy pipeline trusts its exit status.
 */
class CheckIT {
  private static Path classes() {
    return Path.of(ForkedJvm.hostClassPath().split(java.io.File.pathSeparator)[0]);
  }

  private static Path api() {
    return Path.of(ForkedJvm.hostClassPath().split(java.io.File.pathSeparator)[1]);
  }

  @Test
  void aSpringBootExecutableJarIsReadFromItsBootInfClasses(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("hotconf.spring.jar"));
    Path bad = dir.resolve("app.yaml");
    Files.writeString(bad, "greeter:\n  message: hi\n  limit: lots\n");
    Cli refused = Cli.run("check", bad, "--classpath", jar);
    assertEquals(1, refused.status, refused.toString());
    assertTrue(refused.out.contains("a Spring Boot executable jar"), refused.out);
    assertTrue(
        refused.out.contains(
            bad
                + ": 3: greeter.limit: expected int, got 'lots' (field"
                + " dev.hotconf.fixture.spring.Greeter.limit)"),
        refused.out);
    Files.writeString(bad, "greeter:\n  message: hi\n  limit: 3\n");
    Cli ok = Cli.run("check", bad, "--classpath", jar);
    assertEquals(0, ok.status, ok.toString());
    assertTrue(ok.out.endsWith("ok: 1 file, 2 bound fields in 1 class\n"), ok.out);
  }

  @Test
  void aWarIsReadFromItsWebInfClassesAndLibraries(@TempDir Path dir) throws Exception {
    Path war = dir.resolve("app.war");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
      addTree(out, classes(), "WEB-INF/classes/");
      out.putNextEntry(new JarEntry("WEB-INF/lib/hotconf-api.jar"));
      Files.copy(api(), out);
      out.closeEntry();
    }
    Path bad = dir.resolve("app.yaml");
    Files.writeString(bad, "s:\n  int: many\n");
    Cli refused = Cli.run("check", bad, "--classpath", war);
    assertEquals(1, refused.status, refused.toString());
    assertTrue(refused.out.contains("a web application archive"), refused.out);
    assertTrue(
        refused.out.contains(
            bad
                + ": 2: s.int: expected int, got 'many' (field dev.hotconf.it.host.TypesHost.anInt)"),
        refused.out);
  }

  @Test
  void aJarsClassPathManifestBringsTheRest(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectory(dir.resolve("lib"));
    Path tree = lib.resolve("classes");
    copyTree(classes(), tree);
    Files.copy(api(), lib.resolve("hotconf-api.jar"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(Attributes.Name.CLASS_PATH, "lib/classes/ lib/hotconf-api.jar");
    Path launcher = dir.resolve("launcher.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(launcher), manifest)) {
      out.putNextEntry(new JarEntry("README.txt"));
      out.write("only a manifest".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Path bad = dir.resolve("app.yaml");
    Files.writeString(bad, "s:\n  int: many\n");
    Cli refused = Cli.run("check", bad, "--classpath", launcher);
    assertEquals(1, refused.status, refused.toString());
    assertTrue(refused.out.contains("s.int: expected int, got 'many'"), refused.out);
  }

  @Test
  void findingNoBoundFieldIsAFailureUnlessAllowed(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  int: 5\n");
    Cli nothing = Cli.run("check", config, "--classpath", api());
    assertEquals(1, nothing.status, nothing.toString());
    assertTrue(nothing.out.contains("no @Reloadable field found in"), nothing.out);
    assertTrue(nothing.out.contains("nothing was checked"), nothing.out);
    Cli allowed = Cli.run("check", config, "--classpath", api(), "--allow-unchecked");
    assertEquals(0, allowed.status, allowed.toString());
  }

  private static void addTree(JarOutputStream out, Path root, String prefix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(p)) continue;
        out.putNextEntry(new JarEntry(prefix + root.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
  }
}
