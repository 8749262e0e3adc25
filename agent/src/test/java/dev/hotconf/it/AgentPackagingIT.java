package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.Reloadable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Opens the built agent jar: what a host application gets on its class path. */
class AgentPackagingIT {
  @Test
  void manifestMakesItAnAgentAndACommand() throws Exception {
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("dev.hotconf.agent.HotconfAgent", main.getValue("Premain-Class"));
      assertEquals("dev.hotconf.agent.HotconfAgent", main.getValue("Agent-Class"));
      assertEquals("dev.hotconf.agent.Main", main.getValue("Main-Class"));
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
    }
  }

  @Test
  void nothingOutsideDevHotconfAndMetaInf() throws Exception {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(ForkedJvm.agentJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        boolean parentDir = name.equals("dev/");
        if (!parentDir && !name.startsWith("dev/hotconf/") && !name.startsWith("META-INF/")) {
          outside.add(name);
        }
        if (name.startsWith("META-INF/") && name.endsWith(".class")) outside.add(name);
        if (name.endsWith("module-info.class")) outside.add(name);
      }
      assertTrue(outside.isEmpty(), "entries a host would see: " + outside);
      assertNotNull(jar.getEntry("dev/hotconf/agent/shaded/snakeyaml/Yaml.class"));
      assertNotNull(jar.getEntry("dev/hotconf/agent/shaded/config/ConfigFactory.class"));
      assertNotNull(jar.getEntry("dev/hotconf/agent/shaded/asm/ClassReader.class"));
    }
  }

  @Test
  void containsTheApiClassesUnchanged() throws Exception {
    Path apiJar =
        Path.of(Reloadable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile agent = new JarFile(ForkedJvm.agentJar().toFile());
        JarFile api = new JarFile(apiJar.toFile())) {
      int classes = 0;
      for (JarEntry e : Collections.list(api.entries())) {
        if (!e.getName().endsWith(".class")) continue;
        JarEntry copy = agent.getJarEntry(e.getName());
        assertNotNull(copy, e.getName());
        try (InputStream a = api.getInputStream(e);
            InputStream b = agent.getInputStream(copy)) {
          assertArrayEquals(a.readAllBytes(), b.readAllBytes(), e.getName());
        }
        classes++;
      }
      assertTrue(classes >= 3, "api classes: " + classes);
    }
  }

  @Test
  void runsAsACommand() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(java.toString(), "-jar", ForkedJvm.agentJar().toString(), "--help")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("kill -HUP"), out);
  }
}
