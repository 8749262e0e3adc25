package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Load → plan → commit on mangled configuration files: a reload either applies completely (every
 * field holds its new value) or changes nothing, and nothing but a clean rejection ever comes out.
 */
class AllOrNothingProperties {
  static class Target {
    @Reloadable("p.n")
    static int n = -1;

    @Reloadable("p.s")
    static String s = "default";

    @Reloadable("p.d")
    static Duration d = Duration.ZERO;

    @Reloadable("p.l")
    static List<Integer> l = List.of();

    @Reloadable("p.m")
    static Map<String, Boolean> m = Map.of();
  }

  static final String BASE =
      "p:\n  n: 7\n  s: seven\n  d: 7s\n  l: [1, 2, 3]\n  m: {a: true, b: off}\nq: {x: 1}\n";

  static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("hotconf-property");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<String> mangled() {
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withChars(":[]{}&*!|>-'\"#,% \n\t\\0123456789abcdefghmnpsx")
            .ofMaxLength(8);
    Arbitrary<Integer> at = Arbitraries.integers().between(0, BASE.length());
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 6);
    Arbitrary<String> once = Combinators.combine(at, cut, noise).as(AllOrNothingProperties::mangle);
    return Combinators.combine(once, at, cut, noise)
        .as(
            (text, where, length, insert) ->
                mangle(text, Math.min(where, text.length()), length, insert));
  }

  private static String mangle(int where, int length, String insert) {
    return mangle(BASE, where, length, insert);
  }

  private static String mangle(String text, int where, int length, String insert) {
    int end = Math.min(text.length(), where + length);
    return text.substring(0, where) + insert + text.substring(end);
  }

  private static Object[] fields() {
    return new Object[] {Target.n, Target.s, Target.d, Target.l, Target.m};
  }

  private static Snapshot load(String text) throws LoadException {
    Path file = dir.resolve("app.yaml");
    try {
      Files.writeString(file, text);
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  @Property(tries = 1000)
  void aReloadAppliesCompletelyOrChangesNothing(@ForAll("mangled") String text) throws Exception {
    Target.n = -1;
    Target.s = "default";
    Target.d = Duration.ZERO;
    Target.l = List.of();
    Target.m = Map.of();
    Registry registry = new Registry(load(BASE));
    registry.initialized(Target.class);
    Object[] before = fields();

    Snapshot next;
    try {
      next = load(text);
    } catch (LoadException e) {
      Statistics.collect("load rejected");
      assertEquals(
          Arrays.asList(before), Arrays.asList(fields()), "a rejected load changed fields");
      return;
    }
    Plan plan = registry.plan(next);
    if (!plan.problems().isEmpty()) {
      Statistics.collect("plan rejected");
      assertEquals(
          Arrays.asList(before), Arrays.asList(fields()), "a rejected plan changed fields");
      assertEquals(1, registry.generation());
      return;
    }
    Statistics.collect("applied");
    registry.commit(plan);
    assertEquals(2, registry.generation());
    ClassBindings cb = AnnotationScan.scan(Target.class, false);
    Object[] now = fields();
    List<FieldBinding> all = cb.all;
    Object[] defaults = {-1, "default", Duration.ZERO, List.of(), Map.of()};
    for (int i = 0; i < all.size(); i++) {
      FieldBinding b = all.get(i);
      Node node = next.find(b.path);
      Object expected = node == null ? defaults[i] : Converter.convert(node, b.type, false);
      assertEquals(expected, now[i], "field " + b + " after an applied reload of:\n" + text);
    }
  }
}
