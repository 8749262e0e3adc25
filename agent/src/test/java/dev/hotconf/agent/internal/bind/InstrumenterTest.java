package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Names;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstrumenterTest {
  private static byte[] bytes(Class<?> type) throws Exception {
    try (InputStream in =
        type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @AfterEach
  void uninstall() {
    Bridge.install(null);
  }

  @Test
  void theScanFindsOnlyClassesThatUseTheAnnotations() throws Exception {
    assertTrue(ClassFileScan.mentionsAnnotations(bytes(Sample.class)));
    assertFalse(ClassFileScan.mentionsAnnotations(bytes(InstrumenterTest.class)));
    assertFalse(ClassFileScan.mentionsAnnotations(bytes(String.class)));
    assertFalse(ClassFileScan.mentionsAnnotations(new byte[] {1, 2, 3}));
    assertTrue(ClassRewriter.declaresBindings(bytes(Sample.class)));
    assertFalse(ClassRewriter.declaresBindings(bytes(InstrumenterTest.class)));
  }

  @Test
  void theFilterDismissesTheJdkAndTheAgentBeforeScanning() throws Exception {
    Instrumenter instrumenter = new Instrumenter(null);
    ClassLoader app = getClass().getClassLoader();
    byte[] sample = bytes(Sample.class);
    assertEquals(
        Instrumenter.Decision.PLATFORM, instrumenter.filter(null, "java/lang/Foo", null, sample));
    assertEquals(
        Instrumenter.Decision.PLATFORM,
        instrumenter.filter(ClassLoader.getPlatformClassLoader(), "x/Y", null, sample));
    assertEquals(
        Instrumenter.Decision.PLATFORM,
        instrumenter.filter(app, "jdk/internal/reflect/Generated1", null, sample));
    assertEquals(
        Instrumenter.Decision.AGENT,
        instrumenter.filter(app, Names.AGENT_PACKAGE_INTERNAL + "X", null, sample));
    assertEquals(
        Instrumenter.Decision.NO_ANNOTATION,
        instrumenter.filter(app, "x/Y", null, bytes(InstrumenterTest.class)));
    assertEquals(Instrumenter.Decision.INSTRUMENT, instrumenter.filter(app, "x/Y", null, sample));
    try (URLClassLoader isolated = new URLClassLoader(new URL[0], null)) {
      assertEquals(
          Instrumenter.Decision.UNREACHABLE, instrumenter.filter(isolated, "x/Y", null, sample));
    }
    assertEquals(
        Instrumenter.Decision.OTHER_MODE,
        instrumenter.filter(app, "x/Y", Sample.class, sample),
        "a transformer for new classes leaves retransformations alone");
    Instrumenter late = Instrumenter.forLoadedClasses(null, Set.of(Sample.class));
    assertEquals(Instrumenter.Decision.OTHER_MODE, late.filter(app, "x/Y", null, sample));
    assertEquals(Instrumenter.Decision.INSTRUMENT, late.filter(app, "x/Y", Sample.class, sample));
    assertNull(instrumenter.transform(null, app, "x/Y", null, null, bytes(InstrumenterTest.class)));
  }

  @Test
  void boundFieldsBecomeVolatileAndLoseFinalConstantsStay() throws Exception {
    Class<?> type = load(ClassRewriter.rewrite(bytes(Sample.class)));
    assertEquals(
        "static volatile", Modifier.toString(type.getDeclaredField("LIST").getModifiers()));
    assertEquals("volatile", Modifier.toString(type.getDeclaredField("name").getModifiers()));
    assertEquals(
        "static final", Modifier.toString(type.getDeclaredField("CONSTANT").getModifiers()));
    assertEquals("", Modifier.toString(type.getDeclaredField("plain").getModifiers()));
  }

  @Test
  void classInitializationAndEachObjectAreReportedExactlyOnce() throws Exception {
    List<Class<?>> initialized = new ArrayList<>();
    List<Object> constructed = new ArrayList<>();
    Bridge.install(
        new Bridge.Handler() {
          @Override
          public void initialized(Class<?> type) {
            initialized.add(type);
          }

          @Override
          public void constructed(Object object, Class<?> type) {
            constructed.add(object);
          }
        });
    Class<?> type = load(ClassRewriter.rewrite(bytes(Sample.class)));
    java.lang.reflect.Constructor<?> delegating = type.getDeclaredConstructor();
    java.lang.reflect.Constructor<?> callingSuper = type.getDeclaredConstructor(String.class);
    delegating.setAccessible(true);
    callingSuper.setAccessible(true);
    Object viaDelegation = delegating.newInstance();
    Object direct = callingSuper.newInstance("n");
    assertEquals(List.of(type), initialized);
    assertEquals(2, constructed.size(), "this(...) must not report the object twice");
    assertTrue(constructed.get(0) == viaDelegation && constructed.get(1) == direct);
  }

  @Test
  void aHandlerThatThrowsNeverReachesTheConstructor() throws Exception {
    Bridge.install(
        new Bridge.Handler() {
          @Override
          public void initialized(Class<?> type) {
            throw new OutOfMemoryError("simulated");
          }

          @Override
          public void constructed(Object object, Class<?> type) {
            throw new IllegalStateException("simulated");
          }
        });
    Class<?> type = load(ClassRewriter.rewrite(bytes(Sample.class)));
    java.lang.reflect.Constructor<?> c = type.getDeclaredConstructor(String.class);
    c.setAccessible(true);
    java.lang.reflect.Field name = type.getDeclaredField("name");
    name.setAccessible(true);
    assertEquals("n", name.get(c.newInstance("n")));
  }

  @Test
  void classesWithoutBindingsAreLeftAlone() throws Exception {
    assertNull(ClassRewriter.rewrite(bytes(InstrumenterTest.class)));
  }

  @Test
  void theClassFileTellsTheFirstBindingWhatReflectionWould() throws Exception {
    ClassLoader loader = isolatedLoader();
    byte[] rewritten = ClassRewriter.rewrite(bytes(Sample.class), false, loader);
    Class<?> type = define(loader, rewritten);
    ClassFileMembers members = ClassFileMembers.take(type);
    assertNotNull(members, "the rewriter keeps what the class file declares");
    assertEquals(
        Map.of("LIST", "list", "CONSTANT", "constant", "name", "name"), members.boundFields);
    assertEquals(Set.of("reloaded"), members.callbacks);
    assertEquals(Set.of(), members.otherwiseAnnotated);

    members.offer(type.getName());
    ClassBindings fromClassFile = AnnotationScan.scan(type, false);
    assertNull(ClassFileMembers.take(type), "the first binding took it");
    ClassBindings fromReflection = AnnotationScan.scan(type, false);
    assertEquals("[list=LIST, name=name] callbacks [reloaded] warnings 1", describe(fromClassFile));
    assertEquals(describe(fromReflection), describe(fromClassFile));

    // Kept for the loader that loaded it: a class of the same name elsewhere asks reflection.
    ClassRewriter.rewrite(bytes(Sample.class), false, isolatedLoader());
    assertNull(ClassFileMembers.take(type));
  }

  private static String describe(ClassBindings cb) {
    List<String> fields = new ArrayList<>();
    for (FieldBinding b : cb.all) fields.add(b.path + "=" + b.field.getName());
    List<String> callbacks = new ArrayList<>();
    for (Callback c : cb.staticCallbacks) callbacks.add(c.method.getName());
    for (Callback c : cb.instanceCallbacks) callbacks.add(c.method.getName());
    return fields + " callbacks " + callbacks + " warnings " + cb.warnings.size();
  }

  private static DefiningLoader isolatedLoader() {
    return new DefiningLoader();
  }

  private static Class<?> define(ClassLoader loader, byte[] bytes) {
    return ((DefiningLoader) loader).define(bytes);
  }

  /** A loader that defines the given bytes as {@link Sample}. */
  private static final class DefiningLoader extends ClassLoader {
    DefiningLoader() {
      super(InstrumenterTest.class.getClassLoader());
    }

    Class<?> define(byte[] bytes) {
      return defineClass(Sample.class.getName(), bytes, 0, bytes.length);
    }
  }

  /** Defines the instrumented bytes in a loader of their own, beside the original class. */
  private static Class<?> load(byte[] bytes) throws Exception {
    String name = Sample.class.getName();
    ClassLoader loader =
        new ClassLoader(InstrumenterTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(n)) {
              if (n.equals(name)) {
                Class<?> c = findLoadedClass(n);
                return c != null ? c : defineClass(n, bytes, 0, bytes.length);
              }
              return super.loadClass(n, resolve);
            }
          }
        };
    return Class.forName(name, true, loader);
  }
}
