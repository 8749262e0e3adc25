package dev.hotconf.agent.internal.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.agent.bridge.Bridge;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
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
    Bridge.install(null, null);
  }

  @Test
  void theScanFindsOnlyClassesThatUseTheAnnotations() throws Exception {
    assertTrue(Instrumenter.mentionsAnnotations(bytes(Sample.class)));
    assertFalse(Instrumenter.mentionsAnnotations(bytes(InstrumenterTest.class)));
    assertFalse(Instrumenter.mentionsAnnotations(bytes(String.class)));
    assertNull(
        new Instrumenter(null)
            .transform(getClass().getClassLoader(), "x/Y", null, null, bytes(String.class)));
  }

  @Test
  void boundFieldsBecomeVolatileAndLoseFinalConstantsStay() throws Exception {
    Class<?> type = load(Instrumenter.instrument(bytes(Sample.class)));
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
    Bridge.install(initialized::add, (object, type) -> constructed.add(object));
    Class<?> type = load(Instrumenter.instrument(bytes(Sample.class)));
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
  void classesWithoutBindingsAreLeftAlone() throws Exception {
    assertNull(Instrumenter.instrument(bytes(InstrumenterTest.class)));
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
