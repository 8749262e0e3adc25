package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Origin;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConverterTest {
  // Fields whose generic types the tests borrow.
  List<Integer> listOfInts;
  Set<String> setOfStrings;
  Map<String, Duration> mapOfDurations;
  Map<Integer, String> intKeys;
  List<List<String>> nested;
  List<?> wildcard;
  Optional<String> optional;

  private static final Origin AT = new Origin("a.yaml", 7);

  record Pool(int size, Duration timeout) {}

  record Db(String url, Pool pool, List<String> replicas) {
    Db {
      if (url.isBlank()) throw new IllegalArgumentException("url must not be blank");
    }
  }

  static class Plain {
    String name = "default";
    int maxSize = 10;
    List<Pool> pools = List.of();
    transient int ignored;
  }

  static class Loop {
    Loop next;
  }

  abstract static class Abstract {
    int x;
  }

  static class NoDefaultConstructor {
    int x;

    NoDefaultConstructor(int x) {
      this.x = x;
    }
  }

  List<Db> dbs;
  Map<String, Plain> plains;

  private static Node.Mapping map(Object... keysAndNodes) {
    java.util.LinkedHashMap<String, Node> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndNodes.length; i += 2) {
      Object v = keysAndNodes[i + 1];
      m.put((String) keysAndNodes[i], v instanceof Node ? (Node) v : scalar((String) v));
    }
    return new Node.Mapping(m, AT);
  }

  private static Node scalar(String text) {
    return new Node.Scalar(text, AT);
  }

  private static Node list(String... items) {
    return new Node.Sequence(
        java.util.Arrays.stream(items)
            .map(ConverterTest::scalar)
            .collect(java.util.stream.Collectors.toList()),
        AT);
  }

  private static Type type(String field) throws NoSuchFieldException {
    return ConverterTest.class.getDeclaredField(field).getGenericType();
  }

  private static Object convert(String text, Type type) throws ConversionException {
    return Converter.convert(scalar(text), type, false);
  }

  private static String error(Node node, Type type, boolean secret) {
    return assertThrows(ConversionException.class, () -> Converter.convert(node, type, secret))
        .getMessage();
  }

  @Test
  void primitivesAndBoxesFromTheirText() throws Exception {
    assertEquals(42, convert("42", int.class));
    assertEquals(31, convert("0x1F", Integer.class));
    assertEquals(1_000_000, convert("1_000_000", int.class));
    assertEquals(-5, convert("-5", int.class));
    assertEquals(9_000_000_000L, convert("9000000000", long.class));
    assertEquals((short) 300, convert("300", short.class));
    assertEquals((byte) -128, convert("-128", byte.class));
    assertEquals(2.5, convert("2.5", double.class));
    assertEquals(1.5f, convert("1.5", Float.class));
    assertEquals(true, convert("Yes", boolean.class));
    assertEquals(false, convert("off", Boolean.class));
    assertEquals('z', convert("z", char.class));
    assertEquals("1.10", convert("1.10", String.class));
  }

  @Test
  void wrongTextSaysWhatWasExpected() {
    assertEquals("expected int, got 'abc'", error(scalar("abc"), int.class, false));
    assertEquals(
        "expected byte, got '300' (out of range -128..127)",
        error(scalar("300"), byte.class, false));
    assertEquals(
        "expected int, got '3000000000' (out of range -2147483648..2147483647)",
        error(scalar("3000000000"), int.class, false));
    assertEquals(
        "expected boolean, got 'maybe' (use true or false)",
        error(scalar("maybe"), boolean.class, false));
    assertEquals("expected int, got '1.5'", error(scalar("1.5"), int.class, false));
    assertEquals("expected int, got a list", error(list("1"), int.class, false));
  }

  @Test
  void secretsNeverAppearInMessages() {
    String message = error(scalar("hunter2"), int.class, true);
    assertFalse(message.contains("hunter2"), message);
    assertTrue(message.contains("hidden"), message);
  }

  @Test
  void enumsIgnoreCaseAndDashes() throws Exception {
    assertEquals(TimeUnit.SECONDS, convert("seconds", TimeUnit.class));
    assertEquals(Thread.State.TIMED_WAITING, convert("timed-waiting", Thread.State.class));
    assertTrue(error(scalar("weeks"), TimeUnit.class, false).contains("use one of NANOSECONDS, "));
  }

  @Test
  void durations() throws Exception {
    assertEquals(Duration.ofMillis(250), convert("250ms", Duration.class));
    assertEquals(Duration.ofSeconds(10), convert("10s", Duration.class));
    assertEquals(Duration.ofSeconds(10), convert("10 seconds", Duration.class));
    assertEquals(Duration.ofMillis(1500), convert("1.5s", Duration.class));
    assertEquals(Duration.ofMinutes(5), convert("5m", Duration.class));
    assertEquals(Duration.ofHours(2), convert("2h", Duration.class));
    assertEquals(Duration.ofDays(1), convert("1d", Duration.class));
    assertEquals(Duration.ofNanos(7), convert("7ns", Duration.class));
    assertEquals(Duration.ofNanos(7000), convert("7us", Duration.class));
    assertEquals(Duration.ofSeconds(10), convert("PT10S", Duration.class));
    assertTrue(error(scalar("10"), Duration.class, false).contains("a number and a unit"));
    assertTrue(
        error(scalar("10 fortnights"), Duration.class, false)
            .contains("unknown unit 'fortnights'"));
  }

  @Test
  void pathsUrisAndBigNumbers() throws Exception {
    assertEquals(Path.of("/tmp/x"), convert("/tmp/x", Path.class));
    assertEquals(URI.create("https://h/p?q"), convert("https://h/p?q", URI.class));
    assertTrue(error(scalar("http://bad uri"), URI.class, false).startsWith("expected URI"));
    assertEquals(new BigDecimal("1.10"), convert("1.10", BigDecimal.class));
  }

  @Test
  void collectionsAreImmutableAndNameTheBadElement() throws Exception {
    Object ints = Converter.convert(list("1", "2"), type("listOfInts"), false);
    assertEquals(List.of(1, 2), ints);
    assertThrows(UnsupportedOperationException.class, () -> ((List<?>) ints).clear());
    assertEquals(
        List.of("b", "a"),
        List.copyOf((Set<?>) Converter.convert(list("b", "a", "b"), type("setOfStrings"), false)));
    Node map = new Node.Mapping(new java.util.LinkedHashMap<>(Map.of("fast", scalar("10ms"))), AT);
    assertEquals(
        Map.of("fast", Duration.ofMillis(10)),
        Converter.convert(map, type("mapOfDurations"), false));
    Node badElement =
        new Node.Sequence(List.of(scalar("1"), new Node.Scalar("x", new Origin("a.yaml", 9))), AT);
    ConversionException e =
        assertThrows(
            ConversionException.class,
            () -> Converter.convert(badElement, type("listOfInts"), false));
    assertEquals("expected Integer, got 'x'", e.getMessage());
    assertEquals("[1]", e.subPath());
    assertEquals(9, e.origin().line(), "the element's own line");
    assertTrue(
        error(scalar("1"), type("listOfInts"), false).contains("expected List<Integer> (a list)"));
  }

  @Test
  void supportedTypes() throws Exception {
    for (Type t :
        new Type[] {
          String.class,
          int.class,
          Long.class,
          char.class,
          TimeUnit.class,
          Duration.class,
          Path.class,
          URI.class,
          type("listOfInts"),
          type("setOfStrings"),
          type("mapOfDurations")
        }) {
      assertTrue(Converter.supports(t), t.getTypeName());
    }
    for (Type t :
        new Type[] {
          Object.class,
          Thread.class,
          List.class,
          type("intKeys"),
          type("nested"),
          type("wildcard"),
          type("optional"),
          int[].class
        }) {
      assertFalse(Converter.supports(t), t.getTypeName());
    }
  }

  @Test
  void recordsAndPlainClassesBindWholeSubtrees() throws Exception {
    Node db =
        map(
            "url", "jdbc:x",
            "pool", map("size", "5", "timeout", "2s"),
            "replicas", list("r1", "r2"));
    assertEquals(
        new Db("jdbc:x", new Pool(5, Duration.ofSeconds(2)), List.of("r1", "r2")),
        Converter.convert(db, Db.class, false));
    Plain plain =
        (Plain)
            Converter.convert(
                map(
                    "max-size",
                    "20",
                    "pools",
                    new Node.Sequence(List.of(map("size", "1", "timeout", "1s")), AT)),
                Plain.class,
                false);
    assertEquals("default", plain.name, "an absent key keeps the initializer's value");
    assertEquals(20, plain.maxSize, "max-size sets maxSize");
    assertEquals(List.of(new Pool(1, Duration.ofSeconds(1))), plain.pools);
    assertTrue(Converter.supports(type("dbs")));
    assertTrue(Converter.supports(type("plains")));
  }

  @Test
  void structuredProblemsNameTheKeyBelowTheBinding() {
    ConversionException e =
        assertThrows(
            ConversionException.class,
            () ->
                Converter.convert(
                    map(
                        "url",
                        "u",
                        "pool",
                        map("size", "big", "timeout", "1s"),
                        "replicas",
                        list()),
                    Db.class,
                    false));
    assertEquals(".pool.size", e.subPath());
    assertEquals("expected int, got 'big'", e.getMessage());
    e =
        assertThrows(
            ConversionException.class,
            () -> Converter.convert(map("url", "u", "replicas", list()), Db.class, false));
    assertEquals("missing key 'pool': record Db needs every component", e.getMessage());
    e =
        assertThrows(
            ConversionException.class,
            () ->
                Converter.convert(
                    map("url", " ", "pool", map("size", "1", "timeout", "1s"), "replicas", list()),
                    Db.class,
                    false));
    assertEquals(
        "Db refused the values: IllegalArgumentException: url must not be blank", e.getMessage());
  }

  @Test
  void coversTellsWhichKeysBelowABindingAreTaken() throws Exception {
    assertTrue(Converter.covers(Db.class, List.of("pool", "size")));
    assertTrue(Converter.covers(Plain.class, List.of("max_size")));
    assertFalse(Converter.covers(Db.class, List.of("pool", "sise")));
    assertTrue(Converter.covers(type("mapOfDurations"), List.of("anything")));
    assertFalse(Converter.covers(int.class, List.of("x")));
  }
}
