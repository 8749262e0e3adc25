package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract as a user meets it: a real JVM with {@code -javaagent}, a real YAML file edited on
 * disk, real signals from {@code kill}, and the host's fields observed from outside. Every test
 * runs on every JDK present.
 */
class ReloadIT {
  static final String BASE =
      """
      s:
        string: hello
        country: NO
        version: 1.10
        int: 42
        hex: 0x1F
        long: 9000000000
        short: 300
        byte: -5
        double: 2.25
        float: 1.5
        boolean: yes
        char: z
        boxedInt: 43
        boxedLong: 44
        boxedBoolean: true
        boxedDouble: 0.5
        boxedFloat: 0.25
        boxedShort: 12
        boxedByte: 13
        boxedChar: q
        speed: fast
        duration: 250ms
        path: /var/tmp/x
        uri: https://example.com/a?b=c
        big: 1.10
        bigint: 123456789012345678901234567890
        list: [a, b, "c, d"]
        ints: [1, 2, 3]
        durations: [10s, 1m]
        set: [x, y, x]
        map: {a: 1, b: 2}
        finalList: [f]
      byName: named
      i:
        string: inst
        int: 7
        duration: 1h
        list: [one]
        speed: Ludicrous-Speed
        country: NO
        long: 12
        boolean: on
        double: 1e3
        boxed: 0
        set: [3, 1, 2]
        map: {fast: 10ms, slow: 2s}
        path: relative/p
        uri: urn:isbn:0451450523
        big: 0.1
        bigint: -7
        fromConstructor: from-config
      loop:
        stop: false
      """;

  static List<Path> jdks() {
    return Jdks.all();
  }

  private static Host start(Path jdk, Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, BASE);
    return Host.start(jdk, dir, config, "");
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void bindsEveryTypeAtStart(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      Properties s = host.state();
      Map<String, String> expected =
          Map.ofEntries(
              Map.entry("s.string", "hello"),
              Map.entry("s.country", "NO"), // not YAML 1.1's false
              Map.entry("s.version", "1.10"), // not 1.1
              Map.entry("s.anInt", "42"),
              Map.entry("s.hex", "31"),
              Map.entry("s.aLong", "9000000000"),
              Map.entry("s.aShort", "300"),
              Map.entry("s.aByte", "-5"),
              Map.entry("s.aDouble", "2.25"),
              Map.entry("s.aFloat", "1.5"),
              Map.entry("s.aBoolean", "true"),
              Map.entry("s.aChar", "z"),
              Map.entry("s.boxedInt", "43"),
              Map.entry("s.boxedLong", "44"),
              Map.entry("s.boxedBoolean", "true"),
              Map.entry("s.boxedDouble", "0.5"),
              Map.entry("s.boxedFloat", "0.25"),
              Map.entry("s.boxedShort", "12"),
              Map.entry("s.boxedByte", "13"),
              Map.entry("s.boxedChar", "q"),
              Map.entry("s.speed", "FAST"),
              Map.entry("s.duration", "PT0.25S"),
              Map.entry("s.path", "/var/tmp/x"),
              Map.entry("s.uri", "https://example.com/a?b=c"),
              Map.entry("s.big", "1.10"),
              Map.entry("s.bigint", "123456789012345678901234567890"),
              Map.entry("s.list", "[a, b, c, d]"),
              Map.entry("s.ints", "[1, 2, 3]"),
              Map.entry("s.durations", "[PT10S, PT1M]"),
              Map.entry("s.set", "[x, y]"),
              Map.entry("s.map", "{a=1, b=2}"),
              Map.entry("s.FINAL_LIST", "[f]"),
              Map.entry("s.byName", "named"),
              Map.entry("i.string", "inst"),
              Map.entry("i.anInt", "7"),
              Map.entry("i.duration", "PT1H"),
              Map.entry("i.list", "[one]"),
              Map.entry("i.speed", "LUDICROUS_SPEED"),
              Map.entry("i.country", "NO"),
              Map.entry("i.aLong", "12"),
              Map.entry("i.aBoolean", "true"),
              Map.entry("i.aDouble", "1000.0"),
              Map.entry("i.boxed", "0"),
              Map.entry("i.set", "[3, 1, 2]"),
              Map.entry("i.map", "{fast=PT0.01S, slow=PT2S}"),
              Map.entry("i.path", "relative/p"),
              Map.entry("i.uri", "urn:isbn:0451450523"),
              Map.entry("i.big", "0.1"),
              Map.entry("i.bigint", "-7"),
              Map.entry("i.fromConstructor", "from-config"),
              Map.entry("i.untouched", "untouched"),
              Map.entry("s.stop.modifiers", "static volatile"),
              Map.entry("s.FINAL_LIST.modifiers", "static volatile"),
              Map.entry("i.untouched.modifiers", ""));
      expected.forEach((key, value) -> assertEquals(value, s.getProperty(key), key));
      assertEquals("1", s.getProperty("callback.generation"));
      assertEquals("0", s.getProperty("callback.count"), "no callback at start");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void hupAppliesAndCallbacksSeeGenerationKeysAndCause(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir)) {
      host.write(BASE.replace("string: hello", "string: bonjour").replace("int: 7", "int: 8"));
      host.jvm.signal("HUP");
      Properties s = host.await("callback.generation", "2");
      assertEquals("bonjour", s.getProperty("s.string"));
      assertEquals("8", s.getProperty("i.anInt"));
      assertEquals("i.int,s.string", s.getProperty("callback.keys"));
      assertEquals("SIGHUP", s.getProperty("callback.cause"));
      assertEquals("1", s.getProperty("callback.count"));
      host.await("i.callback.generation", "2");
      assertEquals("42", s.getProperty("s.anInt"), "unchanged keys keep their values");
      String out =
          host.jvm.awaitMatch(
              "reload applied \\(SIGHUP\\): generation 2 "
                  + ForkedJvm.SHORT_HASH
                  + ", 2 keys changed",
              1);
      assertTrue(out.contains("(i.int, s.string)"), out);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void usr1Applies(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      host.write(BASE.replace("speed: fast", "speed: SLOW"));
      host.jvm.signal("USR1");
      Properties s = host.await("callback.generation", "2");
      assertEquals("SLOW", s.getProperty("s.speed"));
      assertEquals("SIGUSR1", s.getProperty("callback.cause"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void syntaxErrorChangesNothingAndTheNextGoodFileApplies(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir)) {
      Properties before = host.state();
      host.write(
          BASE.replace("string: hello", "string: changed").replace("  int: 42", "  int: [42"));
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(out.contains("app.yaml: "), "names the file: " + out);
      assertTrue(out.contains("previous configuration kept (generation 1)"), out);
      assertUnchanged(before, host.fresh());
      assertTrue(host.jvm.isAlive());

      host.write(BASE.replace("string: hello", "string: fixed"));
      host.jvm.signal("HUP");
      assertEquals("fixed", host.await("callback.generation", "2").getProperty("s.string"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void oneBadValueAmongGoodOnesChangesNothing(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      Properties before = host.state();
      host.write(
          BASE.replace("string: hello", "string: changed")
              .replace("  int: 7", "  int: seven")
              .replace("speed: fast", "speed: warp")
              .replace("stop: false", "stop: true"));
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      String line =
          out.lines().filter(l -> l.contains("reload rejected")).findFirst().orElseThrow();
      assertTrue(
          line.contains(
              "app.yaml: 37: i.int: expected int, got 'seven' (field"
                  + " dev.hotconf.it.host.Settings.anInt)"),
          line);
      assertTrue(line.contains("app.yaml: 22: s.speed: expected Speed, got 'warp'"), line);
      assertTrue(line.contains("use one of SLOW, FAST, LUDICROUS_SPEED"), line);
      Properties after = host.fresh();
      assertUnchanged(before, after);
      // The rejected file also said loop.stop: true; assertUnchanged covers it (s.stop).
      assertEquals("false", after.getProperty("s.stop"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void removedKeyRestoresTheDefault(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir)) {
      host.write(
          BASE.replace("  string: hello\n", "")
              .replace("  string: inst\n", "")
              .replace("  fromConstructor: from-config\n", "")
              .replace("  duration: 250ms\n", ""));
      host.jvm.signal("HUP");
      Properties s = host.await("callback.generation", "2");
      assertEquals("default", s.getProperty("s.string"));
      assertEquals("PT1S", s.getProperty("s.duration"));
      assertEquals("default", s.getProperty("i.string"));
      assertEquals("ctor-default", s.getProperty("i.fromConstructor"));
      assertEquals(
          "i.fromConstructor,i.string,s.duration,s.string", s.getProperty("callback.keys"));
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void burstOf500HupsLeavesTheAppAliveWithTheFinalState(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host = start(jdk, dir)) {
      host.write(BASE.replace("string: hello", "string: burst"));
      Process burst =
          new ProcessBuilder(
                  "bash", "-c", "for i in $(seq 500); do kill -HUP " + host.jvm.pid() + "; done")
              .inheritIO()
              .start();
      assertEquals(0, burst.waitFor());
      host.await("s.string", "burst");
      int reloads =
          ForkedJvm.count(host.jvm.awaitOutput("reload applied (SIGHUP)", 1), "reload applied");
      assertTrue(reloads >= 1 && reloads <= 500, "reloads: " + reloads);

      host.write(BASE.replace("string: hello", "string: after-burst"));
      host.jvm.signal("HUP");
      host.await("s.string", "after-burst");
      assertTrue(host.jvm.isAlive());
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void nonVolatileFieldReadInAHotLoopSeesTheNewValue(Path jdk, @TempDir Path dir) throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, BASE);
    try (Host host = Host.start(jdk, dir, config, "", "-Dhost.spin=true")) {
      assertEquals("false", host.fresh().getProperty("loopExited"));
      host.write(BASE.replace("stop: false", "stop: true"));
      host.jvm.signal("HUP");
      host.await("loopExited", "true");
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void laterFilesOverrideEarlierOnesKeyByKey(Path jdk, @TempDir Path dir) throws Exception {
    Path base = dir.resolve("app.yaml");
    Path override = dir.resolve("override.conf");
    Files.writeString(base, BASE);
    Files.writeString(override, "s { int = 100, version = 2.10 }\ni.list = [x, y]\n");
    try (Host host = Host.start(jdk, dir, base, "config=" + override)) {
      Properties s = host.state();
      assertEquals("100", s.getProperty("s.anInt"));
      assertEquals("2.10", s.getProperty("s.version"));
      assertEquals("[x, y]", s.getProperty("i.list"));
      assertEquals("hello", s.getProperty("s.string"), "keys the override does not name stay");

      Files.writeString(override, "s { int = 101 }\n");
      host.jvm.signal("HUP");
      // The callback runs after every field is written; a field alone may be seen mid-commit.
      s = host.await("callback.generation", "2");
      assertEquals("101", s.getProperty("s.anInt"));
      assertEquals("1.10", s.getProperty("s.version"), "removed from the override: base again");
      assertEquals("[one]", s.getProperty("i.list"));

      Files.writeString(override, "s { int = 102\n");
      host.jvm.signal("HUP");
      String out = host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(out.contains("override.conf: "), out);
      assertEquals("101", host.fresh().getProperty("s.anInt"));
    }
  }

  /** Every reported value is as it was (heartbeats aside). */
  private static void assertUnchanged(Properties before, Properties after) {
    for (String key : before.stringPropertyNames()) {
      if (key.equals("heartbeat")) continue;
      assertEquals(before.getProperty(key), after.getProperty(key), key);
    }
  }
}
