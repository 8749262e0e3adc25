package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.bridge.Bridge;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Names;
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
import org.objectweb.asm.TypePath;

/**
 * The rewriting of a class that declares bindings, in plain ASM: bound fields lose {@code final}
 * and become {@code volatile} (so every thread sees a reload's write, and no reflective write to a
 * final field ever happens), each constructor ends by reporting {@code this}, and the static
 * initializer ends by reporting the class. Kept apart from the {@link Instrumenter}'s filter so
 * that ASM loads only when a class needs it.
 *
 * <p>Plain ASM rather than a Byte Buddy {@code AgentBuilder}: it needs no type pool and no frame
 * computation (the inserted calls have no branch), so it never reads or loads another class while a
 * class loads, changes field modifiers (which {@code Advice} cannot), and starts in milliseconds
 * where Byte Buddy takes 300–400 ms.
 */
final class ClassRewriter {
  private static final String BRIDGE = Bridge.class.getName().replace('.', '/');
  private static final String RELOADABLE = Names.RELOADABLE_DESCRIPTOR;
  private static final String ON_RELOAD = Names.ON_RELOAD_DESCRIPTOR;

  /** Annotations of these packages on a bound field are constraints (see {@link Validation}). */
  private static final String JAKARTA_VALIDATION = "Ljakarta/validation/";

  private static final String JAVAX_VALIDATION = "Ljavax/validation/";

  private ClassRewriter() {}

  /** Whether the class declares a {@code @Reloadable} field or an {@code @OnReload} method. */
  static boolean declaresBindings(byte[] bytes) {
    Survey survey = new Survey(null);
    new ClassReader(bytes).accept(survey, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return survey.needed() && !survey.isInterface;
  }

  /**
   * Returns the instrumented class, or {@code null} when it needs nothing (the descriptor was in
   * the constant pool but on no field or method of this class).
   */
  static byte[] rewrite(byte[] bytes) {
    return rewrite(bytes, false, null);
  }

  /**
   * As {@link #rewrite(byte[])}; for a class already loaded ({@code loaded}), only the constructors
   * change. What the class file declares is kept for {@link AnnotationScan} ({@link
   * ClassFileMembers}), checked there against {@code loader}.
   */
  static byte[] rewrite(byte[] bytes, boolean loaded, ClassLoader loader) {
    ClassReader reader = new ClassReader(bytes);
    Survey survey = new Survey(new ClassFileMembers(loader));
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
    survey.members.offer(survey.name.replace('/', '.'));
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

    /** The annotated members, for the class's first binding. */
    final ClassFileMembers members;

    Survey(ClassFileMembers members) {
      super(Opcodes.ASM9);
      this.members = members == null ? new ClassFileMembers(null) : members;
    }

    /** A bound field or a callback: the class needs its static or its instance hook. */
    void member(boolean isStatic) {
      if (isStatic) staticMembers = true;
      else instanceMembers = true;
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
        boolean bound;
        boolean validated;

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
          if (RELOADABLE.equals(descriptor)) {
            bound = true;
            if (!constant) boundFields.add(fieldName);
            member(isStatic);
            if (visible) return new Path(members.boundFields, fieldName);
            return null;
          }
          if (visible) members.otherwiseAnnotated.add(fieldName);
          if (descriptor.startsWith(JAKARTA_VALIDATION)
              || descriptor.startsWith(JAVAX_VALIDATION)) {
            validated = true;
          }
          return null;
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String descriptor, boolean visible) {
          if (visible) members.otherwiseAnnotated.add(fieldName);
          return null;
        }

        @Override
        public void visitEnd() {
          if (bound && validated) members.constrained = true;
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
      members.method(methodName);
      return new MethodVisitor(Opcodes.ASM9) {
        /** Objects created by NEW whose constructor has not run yet. */
        int pendingNews;

        boolean decided;

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          if (ON_RELOAD.equals(annotation)) {
            member(isStatic);
            if (visible) members.callbacks.add(methodName);
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

  /** Reads {@code @Reloadable}'s {@code value} into the field's entry ({@code ""} without one). */
  private static final class Path extends AnnotationVisitor {
    private final Map<String, String> paths;
    private final String field;

    Path(Map<String, String> paths, String field) {
      super(Opcodes.ASM9);
      this.paths = paths;
      this.field = field;
      paths.put(field, "");
    }

    @Override
    public void visit(String name, Object value) {
      if ("value".equals(name) && value instanceof String) paths.put(field, (String) value);
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
