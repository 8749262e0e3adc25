package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Log;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Loading the agent into a running JVM: the classes already loaded that declare bindings are found
 * by scanning their class files (no reflection on every class), retransformed so that their
 * constructors report new objects, and their static fields bound at once.
 */
public final class LateAttach {
  private LateAttach() {}

  /** Finds, retransforms and binds the classes loaded before the agent. */
  public static void bindLoadedClasses(Instrumentation inst, Registry registry) {
    Set<Class<?>> found =
        Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    for (Class<?> c : inst.getAllLoadedClasses()) {
      ClassLoader loader = c.getClassLoader();
      if (loader == null || c.isArray() || c.isInterface() || !inst.isModifiableClass(c)) continue;
      if (!Instrumenter.seesBridge(loader)) continue;
      if (Instrumenter.isAgentClass(c.getName().replace('.', '/'))) continue;
      byte[] bytes = classFile(loader, c);
      if (bytes == null || !ClassFileScan.mentionsAnnotations(bytes)) continue;
      // The descriptor may be a mere constant: only classes with annotated members count.
      if (ClassRewriter.declaresBindings(bytes)) found.add(c);
    }
    if (found.isEmpty()) return;
    registry.loadedBeforeAgent(found);
    inst.addTransformer(Instrumenter.forLoadedClasses(inst, found), true);
    try {
      inst.retransformClasses(found.toArray(new Class<?>[0]));
    } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
      // the classes stay as they are: their statics still bind below
      Log.error(
          "cannot retransform the classes loaded before hotconf; new objects stay unbound", e);
    }
    for (Class<?> c : found) registry.initialized(c);
  }

  private static byte[] classFile(ClassLoader loader, Class<?> c) {
    try (InputStream in = loader.getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
