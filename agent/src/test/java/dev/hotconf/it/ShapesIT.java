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

/** Structured values, class hierarchies, final fields and typos, in a forked JVM. */
class ShapesIT {
  static final String HOST = "dev.hotconf.it.host.ShapesHost";

  static String config(int n) {
    return """
        db:
          url: jdbc:pg://db/%1$d-%1$d
          pool:
            size: %1$d
            timeout: %1$ds
          replicas: [r%1$d]
        limits:
          rate: %1$d
        servers:
          - {size: 1, timeout: 1s}
          - {size: %1$d, timeout: 2s}
        svc:
          name: web-%1$d
          port: 80%1$d
        constant: 6
        unbindable: 7
        """
        .formatted(n);
  }

  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void structuredValuesHierarchiesAndFinalsBindAndReload(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, config(1));
    try (Host host = Host.start(HOST, jdk, dir, config, "")) {
      Properties s = host.state();
      assertEquals(
          "Db[url=jdbc:pg://db/1-1, pool=Pool[size=1, timeout=PT1S], replicas=[r1]]",
          s.getProperty("s.db"));
      assertEquals("Limits[rate=1, window=PT1S]", s.getProperty("s.limits"), "window: default");
      assertEquals(
          "[Pool[size=1, timeout=PT1S], Pool[size=1, timeout=PT2S]]", s.getProperty("s.servers"));
      assertEquals("web-1", s.getProperty("web.name"));
      assertEquals("801", s.getProperty("web.port"));
      assertEquals("5", s.getProperty("s.CONSTANT"));
      String out = host.jvm.output();
      assertTrue(
          out.contains(
              "field dev.hotconf.it.host.ShapesHost.CONSTANT is not bound: it is a"
                  + " compile-time constant"),
          out);
      assertTrue(
          out.contains(
              "record dev.hotconf.it.host.ShapesHost$Unbindable: a record's own fields"
                  + " cannot be @Reloadable"),
          out);

      for (int n = 2; n <= 6; n++) {
        Files.writeString(config, config(n));
        host.jvm.signal("HUP");
        host.await("web.lastGeneration", Integer.toString(n));
      }
      s = host.fresh();
      assertEquals(
          "Db[url=jdbc:pg://db/6-6, pool=Pool[size=6, timeout=PT6S], replicas=[r6]]",
          s.getProperty("s.db"));
      assertEquals("web-6", s.getProperty("web.name"));
      assertEquals("806", s.getProperty("web.port"));
      assertEquals("5", s.getProperty("web.baseCalls"), "once per reload, not once per class");
      assertEquals("5", s.getProperty("web.webCalls"));
      assertTrue(Long.parseLong(s.getProperty("reads")) > 1000, s.getProperty("reads"));
      assertEquals(
          "0", s.getProperty("torn"), "a reader never sees half of one db and half of another");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void typosAreReportedWithTheKeyMeantAndBadNestedValuesNameTheirKey(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, config(1));
    try (Host host = Host.start(HOST, jdk, dir, config, "")) {
      Files.writeString(
          config,
          config(2).replace("  rate: 2", "  rat: 2").replace("  name: web-2", "  nmae: web-2"));
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload applied (SIGHUP)", 1);
      String warning =
          out.lines()
              .filter(l -> l.contains("keys that bind to no field"))
              .findFirst()
              .orElseThrow();
      assertTrue(warning.contains("app.yaml: 8: limits.rat (did you mean limits.rate?)"), warning);
      assertTrue(warning.contains("app.yaml: 13: svc.nmae (did you mean svc.name?)"), warning);
      assertTrue(
          warning.contains("app.yaml: 15: constant;") || warning.contains("constant"), warning);

      Files.writeString(config, config(3).replace("    size: 3", "    size: three"));
      host.jvm.signal("HUP");
      out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(
          out.contains(
              "app.yaml: 4: db.pool.size: expected int, got 'three' (field"
                  + " dev.hotconf.it.host.ShapesHost.db)"),
          out);
      assertTrue(host.fresh().getProperty("s.db").contains("pool=Pool[size=2,"));
    }
  }
}
