package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Register → bind, plan, commit and callbacks, in-process and without instrumentation. */
class RegistryTest {
  static class Target {
    @Reloadable("t.port")
    static int port = 80;

    @Reloadable("t.name")
    String name = "default";

    @Reloadable("t.timeout")
    Duration timeout = Duration.ofSeconds(1);

    String untouched = "untouched";
    int instanceCallbacks;

    static final List<ReloadEvent> events = new ArrayList<>();

    @OnReload
    static void reloaded(ReloadEvent event) {
      events.add(event);
    }

    @OnReload
    void mine() {
      instanceCallbacks++;
    }
  }

  static class Odd {
    @Reloadable("o.constant")
    static final int CONSTANT = 5;

    @Reloadable("o.object")
    Object object;

    @Reloadable("o.fine")
    String fine;

    @OnReload
    void wrongParameters(String s) {}
  }

  static class Listener {
    static int calls;

    @OnReload
    static void any() {
      calls++;
    }
  }

  abstract static class Base {
    @Reloadable("h.base")
    String base = "b";

    final List<String> calls = new ArrayList<>();

    @OnReload
    void baseReloaded() {
      calls.add("base");
    }

    @OnReload
    void overridden() {
      calls.add("base-overridden");
    }
  }

  static class Derived extends Base {
    @Reloadable("h.derived")
    String derived = "d";

    @OnReload
    void derivedReloaded() {
      calls.add("derived");
    }

    @Override
    @OnReload
    void overridden() {
      calls.add("derived-overridden");
    }
  }

  record Endpoint(String host, int port) {}

  static class Holder {
    @Reloadable("e")
    Endpoint endpoint;

    int callbacks;

    @OnReload
    void reloaded() {
      callbacks++;
    }
  }

  @TempDir Path dir;
  private int files;

  @BeforeEach
  void reset() {
    Target.port = 80;
    Target.events.clear();
    Listener.calls = 0;
  }

  private Snapshot snapshot(String yaml) throws Exception {
    Path file = dir.resolve("app" + files++ + ".yaml");
    Files.writeString(file, yaml);
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  private static ReloadEvent event(Commit commit, Snapshot next, String cause) {
    Set<String> changed = next.changedKeys(commit.previous());
    return new ReloadEvent() {
      @Override
      public long generation() {
        return commit.generation();
      }

      @Override
      public Set<String> changedKeys() {
        return changed;
      }

      @Override
      public String cause() {
        return cause;
      }
    };
  }

  @Test
  void bindsStaticsAtInitializationAndInstancesAtConstruction() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 8080, name: configured}\n"));
    registry.initialized(Target.class);
    assertEquals(8080, Target.port);
    Target t = new Target();
    registry.constructed(t, Target.class);
    assertEquals("configured", t.name);
    assertEquals(Duration.ofSeconds(1), t.timeout, "absent key: the initializer's value");
    assertEquals(1, registry.generation());
  }

  @Test
  void aPlanWithProblemsReportsEveryOneAndChangesNothing() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 8080, name: a}\n"));
    registry.initialized(Target.class);
    Target t = new Target();
    registry.constructed(t, Target.class);

    Plan plan = registry.plan(snapshot("t:\n  port: abc\n  name: b\n  timeout: forever\n"));
    List<String> problems =
        plan.problems().stream().map(Problem::toString).collect(Collectors.toList());
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .endsWith(
                ": 2: t.port: expected int, got 'abc' (field " + Target.class.getName() + ".port)"),
        problems.get(0));
    assertTrue(
        problems.get(1).contains(": 4: t.timeout: expected Duration, got 'forever'"),
        problems.get(1));
    assertEquals(8080, Target.port);
    assertEquals("a", t.name);
    assertEquals(1, registry.generation());
  }

  @Test
  void commitWritesChangesRestoresDefaultsAndRunsCallbacks() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 8080, name: a}\n"));
    registry.initialized(Target.class);
    Target t = new Target();
    registry.constructed(t, Target.class);

    Snapshot next = snapshot("t: {timeout: 5s}\n");
    Plan plan = registry.plan(next);
    assertEquals(List.of(), plan.problems());
    Commit commit = registry.commit(plan);
    registry.runCallbacks(commit, event(commit, next, "test"));

    assertEquals(80, Target.port, "removed: back to the default");
    assertEquals("default", t.name);
    assertEquals(Duration.ofSeconds(5), t.timeout);
    assertEquals("untouched", t.untouched);
    assertEquals(2, registry.generation());
    assertEquals(1, Target.events.size());
    ReloadEvent e = Target.events.get(0);
    assertEquals(2, e.generation());
    assertEquals(Set.of("t.port", "t.name", "t.timeout"), e.changedKeys());
    assertEquals("test", e.cause());
    assertEquals(1, t.instanceCallbacks);
  }

  @Test
  void anUnchangedReloadAppliesButCallsNoCallback() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 8080}\n"));
    registry.initialized(Target.class);
    registry.initialized(Listener.class);
    Snapshot same = snapshot("t: {port: 8080}\n");
    Commit commit = registry.commit(registry.plan(same));
    registry.runCallbacks(commit, event(commit, same, "test"));
    assertEquals(2, commit.generation());
    assertEquals(0, commit.affected.size());
    assertEquals(List.of(), Target.events);
    assertEquals(0, Listener.calls);

    Snapshot changed = snapshot("t: {port: 8080}\nother: 1\n");
    commit = registry.commit(registry.plan(changed));
    registry.runCallbacks(commit, event(commit, changed, "test"));
    assertEquals(1, Listener.calls, "a class with callbacks but no fields hears of every change");
  }

  @Test
  void aClassRegisteredAfterPlanningBindsFromTheCommittedSnapshot() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 1}\n"));
    Plan plan = registry.plan(snapshot("t: {port: 2}\n"));
    registry.initialized(Target.class); // registers from generation 1
    assertEquals(1, Target.port);
    registry.commit(plan);
    assertEquals(2, Target.port);
  }

  @Test
  void constantsAndUnsupportedTypesAreExplainedAndSkipped() {
    ClassBindings odd = AnnotationScan.scan(Odd.class, false);
    assertEquals(
        List.of("fine"), odd.all.stream().map(b -> b.field.getName()).collect(Collectors.toList()));
    String warnings = String.join("\n", odd.warnings);
    assertTrue(
        warnings.contains("Odd.CONSTANT is not bound: it is a compile-time constant"), warnings);
    assertTrue(
        warnings.contains("Odd.object is not bound: hotconf cannot convert to java.lang.Object"),
        warnings);
    assertTrue(
        warnings.contains(
            "wrongParameters is ignored: it must take no parameter or one ReloadEvent"),
        warnings);
  }

  @Test
  void instancesAreHeldWeakly() throws Exception {
    Registry registry = new Registry(snapshot("t: {name: a}\n"));
    Target kept = new Target();
    registry.constructed(kept, Target.class);
    WeakReference<Target> dropped = new WeakReference<>(new Target());
    registry.constructed(dropped.get(), Target.class);
    assertEquals(2, registry.counts().liveInstances);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (dropped.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(dropped.get(), "the registry must not keep an instance alive");
    assertEquals(1, registry.counts().liveInstances);
    assertEquals("a", kept.name);
  }

  /** What the instrumented constructors of Base and Derived report, in order. */
  private static Derived construct(Registry registry) {
    Derived d = new Derived();
    registry.constructed(d, Base.class);
    registry.constructed(d, Derived.class);
    return d;
  }

  @Test
  void superclassFieldsBindAndEachCallbackRunsOncePerObject() throws Exception {
    Registry registry = new Registry(snapshot("h: {base: B1, derived: D1}\n"));
    Derived d = construct(registry);
    assertEquals("B1", d.base);
    assertEquals("D1", d.derived);

    Snapshot next = snapshot("h: {base: B2, derived: D2}\n");
    Commit commit = registry.commit(registry.plan(next));
    registry.runCallbacks(commit, event(commit, next, "test"));
    assertEquals("B2", d.base);
    assertEquals("D2", d.derived);
    assertEquals(
        List.of("derived", "derived-overridden", "base"),
        d.calls,
        "both classes changed, yet each method runs once, an override as the override");

    d.calls.clear();
    next = snapshot("h: {base: B3, derived: D2}\n");
    commit = registry.commit(registry.plan(next));
    registry.runCallbacks(commit, event(commit, next, "test"));
    assertEquals(
        List.of("derived", "derived-overridden", "base"),
        d.calls,
        "a change in the superclass's field affects the whole object");
  }

  @Test
  void aStructuredValueIsSwappedWholeAndOnlyWhenItsTextChanges() throws Exception {
    Registry registry = new Registry(snapshot("e: {host: a, port: 1}\n"));
    Holder h = new Holder();
    registry.constructed(h, Holder.class);
    Endpoint first = h.endpoint;
    assertEquals(new Endpoint("a", 1), first);

    Snapshot same = snapshot("e: {host: a, port: 1}\nother: 1\n");
    Commit commit = registry.commit(registry.plan(same));
    registry.runCallbacks(commit, event(commit, same, "test"));
    assertTrue(first == h.endpoint, "unchanged text: the same object stays");
    assertEquals(0, h.callbacks);

    Snapshot changed = snapshot("e: {host: b, port: 2}\n");
    commit = registry.commit(registry.plan(changed));
    registry.runCallbacks(commit, event(commit, changed, "test"));
    assertEquals(new Endpoint("b", 2), h.endpoint);
    assertEquals(1, h.callbacks);

    List<String> problems =
        registry.plan(snapshot("e: {host: c, port: many}\n")).problems().stream()
            .map(Problem::toString)
            .collect(Collectors.toList());
    assertEquals(1, problems.size());
    assertTrue(
        problems.get(0).contains(": 1: e.port: expected int, got 'many' (field "), problems.get(0));
  }

  @Test
  void unknownKeysAreFoundWithTheKeyMeant() throws Exception {
    Registry registry = new Registry(snapshot("t: {port: 1}\n"));
    registry.initialized(Target.class);
    registry.constructed(new Holder(), Holder.class);
    Snapshot typos = snapshot("t:\n  port: 1\n  nmae: x\ne:\n  host: h\n  prot: 2\nunrelated: 3\n");
    List<String> unknown =
        registry.unknownKeys(typos).stream().map(Problem::toString).collect(Collectors.toList());
    assertEquals(3, unknown.size(), unknown.toString());
    assertTrue(unknown.get(0).endsWith(": 3: t.nmae (did you mean t.name?)"), unknown.get(0));
    assertTrue(unknown.get(1).endsWith(": 6: e.prot (did you mean e.port?)"), unknown.get(1));
    assertTrue(unknown.get(2).endsWith(": 7: unrelated"), unknown.get(2));
  }
}
