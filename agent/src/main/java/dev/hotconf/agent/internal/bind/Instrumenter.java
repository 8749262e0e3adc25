package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the classes that declare {@code @Reloadable} fields or {@code @OnReload} methods as they
 * load: bound fields lose {@code final} and become {@code volatile} (so every thread sees a
 * reload's write, and no reflective write to a final field ever happens), each constructor ends by
 * registering {@code this}, and the static initializer ends by registering the class.
 *
 * <p>Every other class costs one scan of its bytes for the annotations' descriptors: a class that
 * uses an annotation must name it in its constant pool.
 *
 * <p>The rewriting is plain ASM rather than a Byte Buddy {@code AgentBuilder}: it needs no type
 * pool and no frame computation (the inserted calls have no branch), so it never reads or loads
 * another class while a class loads, changes field modifiers (which {@code Advice} cannot), and
 * starts in milliseconds where Byte Buddy takes 300–400 ms.
 */
public final class Instrumenter implements ClassFileTransformer {
  static final String RELOADABLE = "Ldev/hotconf/Reloadable;";
  static final String ON_RELOAD = "Ldev/hotconf/OnReload;";
  private static final String BRIDGE = "dev/hotconf/agent/bridge/Bridge";

  /**
   * The agent's own classes are never instrumented: some name the annotations' descriptors as
   * constants, and instrumenting them would load them again while they load.
   */
  private static final String OWN_PACKAGE = "dev/hotconf/agent/";

  private static final byte[] PREFIX =
      "Ldev/hotconf/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TAIL_RELOADABLE =
      "Reloadable;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TAIL_ON_RELOAD =
      "OnReload;".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Instrumentation inst;

  /** For late attach: the classes loaded before the agent, retransformed once. Else null. */
  private final Set<Class<?>> loadedBefore;

  private final Module agentModule = Instrumenter.class.getModule();

  /**
   * A transformer that opens named modules through {@code inst}.
   *
   * @param inst the JVM's instrumentation, or {@code null} where no class is in a named module
   */
  public Instrumenter(Instrumentation inst) {
    this(inst, null);
  }

  private Instrumenter(Instrumentation inst, Set<Class<?>> loadedBefore) {
    this.inst = inst;
    this.loadedBefore = loadedBefore;
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
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    return transform(
        null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    boolean loaded = classBeingRedefined != null;
    if (loaded != (loadedBefore != null)) return null; // each instrumenter has its own classes
    if (loaded && !loadedBefore.contains(classBeingRedefined)) return null;
    if (className == null || isAgentClass(className)) return null;
    if (!mentionsAnnotations(classfileBuffer)) return null;
    if (!seesBridge(loader)) {
      Log.warn(
          "class "
              + className.replace('/', '.')
              + " is not bound: its class loader ("
              + loader
              + ") does not delegate to the application class loader, where hotconf lives");
      return null;
    }
    try {
      byte[] instrumented = instrument(classfileBuffer, loaded);
      if (instrumented != null && module != null && module.isNamed()) open(module, className);
      return instrumented;
    } catch (Throwable t) { // never let a class fail to load because of us
      Log.error(
          "cannot instrument " + className.replace('/', '.') + "; its fields stay unbound", t);
      return null;
    }
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

  /** Whether instrumented code in {@code loader} can link to the bridge, loaded with the agent. */
  static boolean seesBridge(ClassLoader loader) {
    ClassLoader agentLoader = Instrumenter.class.getClassLoader();
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == agentLoader) return true;
    }
    return false;
  }

  /** Whether a class (internal name) is the agent's own, which is never instrumented. */
  static boolean isAgentClass(String className) {
    return className.startsWith(OWN_PACKAGE);
  }

  /** Whether the class file names {@code Ldev/hotconf/Reloadable;} or {@code ...OnReload;}. */
  public static boolean mentionsAnnotations(byte[] bytes) {
    int last = bytes.length - PREFIX.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (bytes[i] != 'L') continue;
      for (int j = 1; j < PREFIX.length; j++) {
        if (bytes[i + j] != PREFIX[j]) continue outer;
      }
      int at = i + PREFIX.length;
      if (startsWith(bytes, at, TAIL_RELOADABLE) || startsWith(bytes, at, TAIL_ON_RELOAD)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] tail) {
    if (at + tail.length > bytes.length) return false;
    for (int k = 0; k < tail.length; k++) {
      if (bytes[at + k] != tail[k]) return false;
    }
    return true;
  }

  /**
   * Returns the instrumented class, or {@code null} when it needs nothing (the descriptor was in
   * the constant pool but on no field or method of this class).
   */
  static byte[] instrument(byte[] bytes) {
    return instrument(bytes, false);
  }

  /**
   * As {@link #instrument(byte[])}; for a class already loaded ({@code loaded}), only the
   * constructors change.
   */
  static byte[] instrument(byte[] bytes, boolean loaded) {
    ClassReader reader = new ClassReader(bytes);
    Survey survey = new Survey();
    reader.accept(survey, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (!survey.needed()) return null;
    if (survey.isInterface) return null;
    if ("java/lang/Record".equals(survey.superName)) {
      Log.warn(
          "record "
              + survey.name.replace('/', '.')
              + ": a record's own fields cannot be @Reloadable; they are left unbound");
      return null;
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new Rewriter(writer, survey, loaded), 0);
    return writer.toByteArray();
  }

  /** First pass: what the class declares, and which constructors delegate to {@code this(...)}. */
  private static final class Survey extends ClassVisitor {
    String name;
    String superName;
    boolean isInterface;
    boolean hasClinit;
    boolean staticMembers;
    boolean instanceMembers;
    final Set<String> boundFields = new HashSet<>();

    /** Constructors ({@code name + descriptor}) that call {@code this(...)}, not super. */
    final Set<String> delegating = new HashSet<>();

    Survey() {
      super(Opcodes.ASM9);
    }

    boolean needed() {
      return staticMembers || instanceMembers;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] itf) {
      this.name = name;
      this.superName = superName;
      this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    }

    @Override
    public FieldVisitor visitField(
        int access, String fieldName, String descriptor, String signature, Object value) {
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      // A final field with a ConstantValue is a compile-time constant: javac inlined its reads,
      // so it stays as it is and ClassBindings explains why it is not bound.
      boolean constant = (access & Opcodes.ACC_FINAL) != 0 && value != null;
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
          if (RELOADABLE.equals(descriptor)) {
            if (!constant) boundFields.add(fieldName);
            if (isStatic) staticMembers = true;
            else instanceMembers = true;
          }
          return null;
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String methodName, String descriptor, String signature, String[] exceptions) {
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      if ("<clinit>".equals(methodName)) hasClinit = true;
      String key = methodName + descriptor;
      boolean isConstructor = "<init>".equals(methodName);
      return new MethodVisitor(Opcodes.ASM9) {
        /** Objects created by NEW whose constructor has not run yet. */
        int pendingNews;

        boolean decided;

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          if (ON_RELOAD.equals(annotation)) {
            if (isStatic) staticMembers = true;
            else instanceMembers = true;
          }
          return null;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          if (opcode == Opcodes.NEW) pendingNews++;
        }

        @Override
        public void visitMethodInsn(
            int opcode, String owner, String called, String desc, boolean isInterface) {
          if (!isConstructor || decided || opcode != Opcodes.INVOKESPECIAL) return;
          if (!"<init>".equals(called)) return;
          if (pendingNews > 0) {
            pendingNews--;
          } else {
            decided = true; // the first <init> on the uninitialized this: this(...) or super(...)
            if (owner.equals(name)) delegating.add(key);
          }
        }
      };
    }
  }

  /** Second pass: rewrites field flags, constructors and the static initializer. */
  private static final class Rewriter extends ClassVisitor {
    private final Survey survey;
    private final Type self;
    private final boolean loaded;

    Rewriter(ClassVisitor next, Survey survey, boolean loaded) {
      super(Opcodes.ASM9, next);
      this.survey = survey;
      this.self = Type.getObjectType(survey.name);
      this.loaded = loaded;
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      if (!loaded && survey.boundFields.contains(name)) {
        access = (access & ~Opcodes.ACC_FINAL) | Opcodes.ACC_VOLATILE;
      }
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if ("<init>".equals(name)
          && survey.instanceMembers
          && !survey.delegating.contains(name + descriptor)) {
        return new BeforeReturn(mv, 2) {
          @Override
          void emit() {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitLdcInsn(self);
            super.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                BRIDGE,
                "constructed",
                "(Ljava/lang/Object;Ljava/lang/Class;)V",
                false);
          }
        };
      }
      if ("<clinit>".equals(name) && survey.staticMembers && !loaded) {
        return new BeforeReturn(mv, 1) {
          @Override
          void emit() {
            emitInitialized(this.mv);
          }
        };
      }
      return mv;
    }

    @Override
    public void visitEnd() {
      if (survey.staticMembers && !survey.hasClinit && !loaded) {
        MethodVisitor mv = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        emitInitialized(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(1, 0);
        mv.visitEnd();
      }
      super.visitEnd();
    }

    private void emitInitialized(MethodVisitor mv) {
      mv.visitLdcInsn(self);
      mv.visitMethodInsn(
          Opcodes.INVOKESTATIC, BRIDGE, "initialized", "(Ljava/lang/Class;)V", false);
    }
  }

  /**
   * Inserts a call before every {@code RETURN}. The inserted code has no branch, so existing stack
   * map frames stay valid and no frame has to be computed (which would load classes mid-load).
   */
  private abstract static class BeforeReturn extends MethodVisitor {
    private final int extraStack;

    BeforeReturn(MethodVisitor next, int extraStack) {
      super(Opcodes.ASM9, next);
      this.extraStack = extraStack;
    }

    abstract void emit();

    @Override
    public void visitInsn(int opcode) {
      if (opcode == Opcodes.RETURN) emit();
      super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(maxStack + extraStack, maxLocals);
    }
  }
}
