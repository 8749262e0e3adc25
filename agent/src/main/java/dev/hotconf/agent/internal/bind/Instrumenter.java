package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Names;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * The class file transformer. For every class the JVM loads it makes one decision, {@link #filter}:
 * classes of the JDK and of the agent are dismissed by their loader or name, every other class
 * costs one {@link ClassFileScan} of its constant pool, and the few that name hotconf's annotations
 * are rewritten by the {@link ClassRewriter}.
 */
public final class Instrumenter implements ClassFileTransformer {
  /** What {@link #filter} decides for a class, in the order it decides. */
  enum Decision {
    /** Late attach rewrites only the classes it found loaded; the other mode only new classes. */
    OTHER_MODE,
    /** A class of the JDK: the bootstrap or platform loader, or a {@code java.}-like name. */
    PLATFORM,
    /** The agent's own classes: some hold the annotations' names as constants. */
    AGENT,
    /** The class file names neither annotation. */
    NO_ANNOTATION,
    /** Its loader does not delegate to the one the agent (and its bridge) lives in. */
    UNREACHABLE,
    /** Rewrite it. */
    INSTRUMENT
  }

  private final Instrumentation inst;

  /**
   * The one mode switch: {@code null} for classes as they load; for a late attach, the classes
   * loaded before the agent, which are retransformed once.
   */
  private final Set<Class<?>> retransforming;

  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
  private final Module agentModule = Instrumenter.class.getModule();

  /**
   * A transformer for classes as they load, which opens named modules through {@code inst}.
   *
   * @param inst the JVM's instrumentation, or {@code null} where no class is in a named module
   */
  public Instrumenter(Instrumentation inst) {
    this(inst, null);
  }

  private Instrumenter(Instrumentation inst, Set<Class<?>> retransforming) {
    this.inst = inst;
    this.retransforming = retransforming;
  }

  /**
   * A retransforming instrumenter for classes loaded before the agent: a retransformation may
   * change method bodies only, so their constructors report objects, but their fields keep their
   * modifiers (no {@code volatile}, {@code final} stays) and static fields are bound directly.
   */
  static Instrumenter forLoadedClasses(Instrumentation inst, Set<Class<?>> classes) {
    return new Instrumenter(inst, classes);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    try {
      Decision decision = filter(loader, className, classBeingRedefined, classfileBuffer);
      if (decision == Decision.UNREACHABLE) {
        Log.warn(
            "class "
                + className.replace('/', '.')
                + " is not bound: its class loader ("
                + loader
                + ") does not delegate to the application class loader, where hotconf lives");
      }
      if (decision != Decision.INSTRUMENT) return null;
      byte[] rewritten =
          ClassRewriter.rewrite(classfileBuffer, classBeingRedefined != null, loader);
      if (rewritten != null && module != null && module.isNamed()) open(module, className);
      return rewritten;
    } catch (Throwable t) { // never let a class fail to load because of us
      try {
        Log.error("cannot instrument " + className + "; its fields stay unbound", t);
      } catch (Throwable ignored) {
        // nothing left to report it with
      }
      return null;
    }
  }

  /** The one decision about a class; see {@link Decision}. */
  Decision filter(ClassLoader loader, String className, Class<?> redefined, byte[] bytes) {
    if (redefined != null
        ? retransforming == null || !retransforming.contains(redefined)
        : retransforming != null) {
      return Decision.OTHER_MODE;
    }
    if (loader == null || loader == platform || className == null || isPlatform(className)) {
      return Decision.PLATFORM;
    }
    if (isAgentClass(className)) return Decision.AGENT;
    if (!ClassFileScan.mentionsAnnotations(bytes)) return Decision.NO_ANNOTATION;
    if (!seesBridge(loader)) return Decision.UNREACHABLE;
    return Decision.INSTRUMENT;
  }

  /** JDK packages, whatever loader defines them (reflection accessors, for one). */
  private static boolean isPlatform(String className) {
    return className.startsWith("java/")
        || className.startsWith("jdk/")
        || className.startsWith("sun/")
        || className.startsWith("com/sun/");
  }

  /** Whether a class (internal name) is the agent's own, which is never instrumented. */
  static boolean isAgentClass(String className) {
    return className.startsWith(Names.AGENT_PACKAGE_INTERNAL);
  }

  /** Whether instrumented code in {@code loader} can link to the bridge, loaded with the agent. */
  static boolean seesBridge(ClassLoader loader) {
    ClassLoader agentLoader = Instrumenter.class.getClassLoader();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == agentLoader) return true;
    }
    return false;
  }

  /**
   * A class in a named module calls the bridge (so its module must read the agent's) and has its
   * private fields written (so its package must be open to the agent).
   */
  private void open(Module module, String className) {
    int slash = className.lastIndexOf('/');
    String pkg = slash < 0 ? "" : className.substring(0, slash).replace('/', '.');
    if (module.canRead(agentModule) && module.isOpen(pkg, agentModule)) return;
    if (inst == null) throw new IllegalStateException("no Instrumentation to open " + module);
    inst.redefineModule(
        module,
        Set.of(agentModule),
        Map.of(),
        Map.of(pkg, Set.of(agentModule)),
        Set.of(),
        Map.of());
  }
}
