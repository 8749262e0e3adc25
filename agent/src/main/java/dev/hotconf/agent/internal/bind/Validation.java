package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Names;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Origin;
import dev.hotconf.agent.internal.load.Paths;
import dev.hotconf.agent.internal.load.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;

/**
 * Bean Validation constraints as a gate in the plan: a candidate value that violates a constraint
 * on its {@code @Reloadable} field ({@code @Min}, {@code @Pattern}, a custom one…) or on the fields
 * and components of its structured value ({@code @Valid} to descend) is a problem like one that
 * does not convert — the reload is rejected and nothing changes.
 *
 * <p>The validator is the application's own, found through the bound class's loader and called
 * reflectively: Jakarta Bean Validation 3 ({@code jakarta.validation}), else {@code
 * javax.validation} 2. The agent ships none, and nothing of it loads for a class whose bound fields
 * carry no constraint. Where constraints are declared but no validator is found, one line says they
 * are ignored.
 *
 * <p>Bean Validation leaves static fields out, and bound fields are often static: a field's own
 * constraints are therefore checked against a copy of the field in a holder class, made once per
 * class from its class file (the field with its annotations, nothing else) and defined in a loader
 * of its own whose parent is the class's loader, so that custom constraints resolve.
 */
final class Validation {
  private static final String[] PACKAGES = {"jakarta.validation", "javax.validation"};

  /** The validator of each class loader, or {@link #NONE}. */
  private static final Map<ClassLoader, Object> validators = new WeakHashMap<>(); // guarded

  private static final Object NONE = new Object();
  private static final AtomicBoolean toldIgnored = new AtomicBoolean();

  private Validation() {}

  /**
   * What {@code type} declares on its bound fields, and the validator that checks it; says once per
   * JVM when constraints are declared but nothing can check them.
   *
   * @param members what the class file showed (fields with annotations besides {@code Reloadable},
   *     constraints whose classes may be missing); {@code null} when it was not seen: then every
   *     bound field is looked at
   */
  static Declared declared(
      Class<?> type, List<FieldBinding> bindings, ClassFileMembers members, List<String> warnings) {
    boolean hinted = members != null && members.constrained;
    Set<String> constrained = new HashSet<>();
    for (FieldBinding b : bindings) {
      if (members != null && !members.otherwiseAnnotated.contains(b.field.getName())) continue;
      if (isConstrained(b)) constrained.add(b.field.getName());
    }
    boolean structures = false;
    for (FieldBinding b : bindings) {
      if (structureConstrained(b.type, new HashSet<>())) structures = true;
    }
    if (constrained.isEmpty() && !hinted && !structures) return Declared.NONE;
    Checker checker = checkerFor(type.getClassLoader());
    if (checker == null) {
      if ((hinted || !constrained.isEmpty()) && toldIgnored.compareAndSet(false, true)) {
        Log.info(
            "constraints on bound fields (e.g. of "
                + type.getName()
                + ") are ignored: no Jakarta Bean Validation provider (such as Hibernate"
                + " Validator) is on its class path; add one to have every reload checked"
                + " against them");
      }
      return Declared.NONE;
    }
    Class<?> holder = null;
    if (!constrained.isEmpty()) {
      try {
        holder = Holders.make(type, constrained);
      } catch (IOException | RuntimeException | LinkageError e) {
        warnings.add(
            "the constraints on the bound fields of "
                + type.getName()
                + " cannot be checked ("
                + e
                + "); values are bound unchecked");
      }
    }
    return new Declared(checker, holder, constrained);
  }

  /** A field's own constraints: declaration or type-use annotations that are constraints. */
  private static boolean isConstrained(FieldBinding b) {
    for (Annotation a : b.field.getDeclaredAnnotations()) {
      if (isConstraint(a)) return true;
    }
    return hasTypeUseConstraint(b.field.getAnnotatedType(), 0);
  }

  private static boolean hasTypeUseConstraint(AnnotatedType type, int depth) {
    if (type == null || depth > 4) return false;
    for (Annotation a : type.getDeclaredAnnotations()) {
      if (isConstraint(a)) return true;
    }
    if (type instanceof AnnotatedParameterizedType) {
      for (AnnotatedType arg :
          ((AnnotatedParameterizedType) type).getAnnotatedActualTypeArguments()) {
        if (hasTypeUseConstraint(arg, depth + 1)) return true;
      }
    }
    return false;
  }

  /** A constraint ({@code @Constraint} on its type) or {@code @Valid}, of either package. */
  private static boolean isConstraint(Annotation a) {
    Class<? extends Annotation> type = a.annotationType();
    for (String pkg : PACKAGES) {
      if (type.getName().equals(pkg + ".Valid")) return true;
    }
    for (Annotation meta : type.getDeclaredAnnotations()) {
      for (String pkg : PACKAGES) {
        if (meta.annotationType().getName().equals(pkg + ".Constraint")) return true;
      }
    }
    return false;
  }

  /**
   * Whether a structured value of this type (or in a collection of it) declares constraints of its
   * own: on its class, its fields (a record's carry its components'), or its nested structures.
   */
  private static boolean structureConstrained(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType) {
      for (Type arg : ((ParameterizedType) type).getActualTypeArguments()) {
        if (structureConstrained(arg, seen)) return true;
      }
      return false;
    }
    if (!(type instanceof Class) || !seen.add((Class<?>) type)) return false;
    Class<?> c = (Class<?>) type;
    if (StructuredType.of(c) == null) return false;
    for (Annotation a : c.getDeclaredAnnotations()) {
      if (isConstraint(a)) return true;
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) continue;
        for (Annotation a : f.getDeclaredAnnotations()) {
          if (isConstraint(a)) return true;
        }
        if (hasTypeUseConstraint(f.getAnnotatedType(), 0)) return true;
        if (structureConstrained(f.getGenericType(), seen)) return true;
      }
    }
    return false;
  }

  /** The validator of {@code loader}'s application, or {@code null}. */
  private static Checker checkerFor(ClassLoader loader) {
    synchronized (validators) {
      Object found = validators.get(loader);
      if (found == null) {
        found = Checker.find(loader);
        validators.put(loader, found == null ? NONE : found);
      }
      return found == NONE ? null : (Checker) found;
    }
  }

  /**
   * The violations of {@code value} as problems: its field's constraints, then those of every
   * structured value in it.
   */
  static List<Problem> check(ClassBindings cb, FieldBinding b, Node node, Object value) {
    Declared declared = cb.constraints;
    if (declared.checker == null) return List.of();
    List<Problem> problems = new ArrayList<>();
    try {
      if (declared.holder != null && declared.fields.contains(b.field.getName())) {
        for (Object v : declared.checker.validateValue(declared.holder, b.field.getName(), value)) {
          problems.add(declared.checker.problem(v, b, node, "", value));
        }
      }
      checkStructures(declared.checker, b, node, value, "", problems, 0);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      problems.add(
          Problem.at(
              node.origin(), b.path + ": cannot be validated: " + cause + " (field " + b + ")"));
    }
    return problems;
  }

  private static void checkStructures(
      Checker checker,
      FieldBinding b,
      Node node,
      Object value,
      String at,
      List<Problem> problems,
      int depth)
      throws ReflectiveOperationException {
    if (value == null || depth > 8) return;
    if (value instanceof Collection) {
      int i = 0;
      for (Object item : (Collection<?>) value) {
        Node itemNode =
            node instanceof Node.Sequence && i < ((Node.Sequence) node).items().size()
                ? ((Node.Sequence) node).items().get(i)
                : node;
        checkStructures(checker, b, itemNode, item, at + "[" + i + "]", problems, depth + 1);
        i++;
      }
      return;
    }
    if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        String key = String.valueOf(e.getKey());
        Node child = node instanceof Node.Mapping ? ((Node.Mapping) node).entries().get(key) : null;
        checkStructures(
            checker,
            b,
            child == null ? node : child,
            e.getValue(),
            at + "." + key,
            problems,
            depth + 1);
      }
      return;
    }
    if (StructuredType.of(value.getClass()) == null || !checker.isConstrained(value.getClass())) {
      return;
    }
    for (Object v : checker.validate(value)) problems.add(checker.problem(v, b, node, at, value));
  }

  /** What one class declares, and what checks it. */
  static final class Declared {
    static final Declared NONE = new Declared(null, null, Set.of());

    final Checker checker;

    /** The class holding copies of the constrained fields, or {@code null}. */
    final Class<?> holder;

    /** Names of the bound fields with constraints of their own. */
    final Set<String> fields;

    Declared(Checker checker, Class<?> holder, Set<String> fields) {
      this.checker = checker;
      this.holder = holder;
      this.fields = fields;
    }
  }

  /** The application's validator, called reflectively with its own class loader as context. */
  static final class Checker {
    private final ClassLoader loader;
    private final Object validator;
    private final Method validateValue;
    private final Method validate;
    private final Method constraintsForClass;
    private final Method isBeanConstrained;
    private final Method getMessage;
    private final Method getPropertyPath;
    private final Map<Class<?>, Boolean> constrained =
        Collections.synchronizedMap(new WeakHashMap<>());

    private Checker(ClassLoader loader, Object validator, String pkg)
        throws ReflectiveOperationException {
      this.loader = loader;
      this.validator = validator;
      Class<?> v = Class.forName(pkg + ".Validator", false, loader);
      validateValue =
          v.getMethod("validateValue", Class.class, String.class, Object.class, Class[].class);
      validate = v.getMethod("validate", Object.class, Class[].class);
      constraintsForClass = v.getMethod("getConstraintsForClass", Class.class);
      isBeanConstrained =
          Class.forName(pkg + ".metadata.BeanDescriptor", false, loader)
              .getMethod("isBeanConstrained");
      Class<?> violation = Class.forName(pkg + ".ConstraintViolation", false, loader);
      getMessage = violation.getMethod("getMessage");
      getPropertyPath = violation.getMethod("getPropertyPath");
    }

    /** The validator {@code loader} sees, or {@code null}. */
    static Checker find(ClassLoader loader) {
      for (String pkg : PACKAGES) {
        Class<?> validation;
        try {
          validation = Class.forName(pkg + ".Validation", true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
          Object factory = validation.getMethod("buildDefaultValidatorFactory").invoke(null);
          Object validator =
              Class.forName(pkg + ".ValidatorFactory", false, loader)
                  .getMethod("getValidator")
                  .invoke(factory);
          return new Checker(loader, validator, pkg);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          continue; // the API without a provider (NoProviderFoundException), or a broken one
        } finally {
          Thread.currentThread().setContextClassLoader(context);
        }
      }
      return null;
    }

    Set<?> validateValue(Class<?> holder, String property, Object value)
        throws ReflectiveOperationException {
      return (Set<?>) call(validateValue, holder, property, value, new Class<?>[0]);
    }

    Set<?> validate(Object value) throws ReflectiveOperationException {
      return (Set<?>) call(validate, value, new Class<?>[0]);
    }

    boolean isConstrained(Class<?> type) throws ReflectiveOperationException {
      Boolean known = constrained.get(type);
      if (known == null) {
        Object descriptor = call(constraintsForClass, type);
        known = (Boolean) isBeanConstrained.invoke(descriptor);
        constrained.put(type, known);
      }
      return known;
    }

    private Object call(Method method, Object... args) throws ReflectiveOperationException {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        return method.invoke(validator, args);
      } finally {
        Thread.currentThread().setContextClassLoader(context);
      }
    }

    /**
     * One violation as a problem: the key of the offending value (the binding's path and the
     * property path below it, in the file's own spelling), its line, the validator's message.
     */
    Problem problem(Object violation, FieldBinding b, Node node, String at, Object value)
        throws ReflectiveOperationException {
      String message = String.valueOf(getMessage.invoke(violation));
      String property = String.valueOf(getPropertyPath.invoke(violation));
      Node where = node;
      StringBuilder key = new StringBuilder(b.path).append(at);
      String inside = "";
      if (!at.isEmpty() || !property.isEmpty() && !property.equals(b.field.getName())) {
        // a structured value's own constraint: follow its property path into the file
        for (String segment : Paths.split(property)) {
          if (segment.isEmpty()) continue;
          String name = segment;
          int bracket = segment.indexOf('[');
          if (bracket >= 0) name = segment.substring(0, bracket);
          Node child = childNamed(where, name);
          String written = child == null ? name : keyNamed(where, name);
          key.append('.').append(written);
          if (child != null) where = child;
          if (bracket >= 0) key.append(segment.substring(bracket));
        }
        inside = ", " + value.getClass().getSimpleName() + "." + property;
      }
      if (b.secret) message = "violates a constraint (the message is hidden: the key looks secret)";
      Origin origin = where.origin() != null ? where.origin() : node.origin();
      return Problem.at(origin, key + ": " + message + " (field " + b + inside + ")");
    }

    private static Node childNamed(Node node, String property) {
      if (!(node instanceof Node.Mapping)) return null;
      String wanted = StructuredType.normalize(property);
      for (Map.Entry<String, Node> e : ((Node.Mapping) node).entries().entrySet()) {
        if (StructuredType.normalize(e.getKey()).equals(wanted)) return e.getValue();
      }
      return null;
    }

    private static String keyNamed(Node node, String property) {
      String wanted = StructuredType.normalize(property);
      for (String key : ((Node.Mapping) node).entries().keySet()) {
        if (StructuredType.normalize(key).equals(wanted)) return key;
      }
      return property;
    }
  }

  /** Holder classes: a bound class's constrained fields, copied with their annotations. */
  static final class Holders {
    private Holders() {}

    static Class<?> make(Class<?> type, Set<String> fields) throws IOException {
      ClassLoader loader = type.getClassLoader();
      String resource = type.getName().replace('.', '/') + ".class";
      byte[] original;
      try (InputStream in =
          loader == null
              ? ClassLoader.getSystemResourceAsStream(resource)
              : loader.getResourceAsStream(resource)) {
        if (in == null) throw new IOException("no class file for " + type.getName());
        original = in.readAllBytes();
      }
      String name = Names.AGENT_PACKAGE_INTERNAL + "generated/" + type.getName().replace('.', '_');
      ClassWriter writer = new ClassWriter(0);
      new ClassReader(original).accept(new Copy(writer, name, fields), ClassReader.SKIP_CODE);
      byte[] bytes = writer.toByteArray();
      return new HolderLoader(loader).define(name.replace('/', '.'), bytes);
    }

    /** Keeps the class's name (as given), the chosen fields with their annotations, no code. */
    private static final class Copy extends ClassVisitor {
      private final String name;
      private final Set<String> fields;

      Copy(ClassVisitor next, String name, Set<String> fields) {
        super(Opcodes.ASM9, next);
        this.name = name;
        this.fields = fields;
      }

      @Override
      public void visit(
          int version, int access, String n, String signature, String superName, String[] itf) {
        super.visit(
            version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
      }

      @Override
      public FieldVisitor visitField(
          int access, String field, String descriptor, String signature, Object value) {
        if (!fields.contains(field)) return null;
        return super.visitField(Opcodes.ACC_PUBLIC, field, descriptor, signature, null);
      }

      @Override
      public MethodVisitor visitMethod(
          int access, String m, String descriptor, String signature, String[] exceptions) {
        return null;
      }

      @Override
      public AnnotationVisitor visitAnnotation(String d, boolean visible) {
        return null; // class-level constraints belong to the class, not to its fields
      }

      @Override
      public void visitInnerClass(String n, String outer, String inner, int access) {}

      @Override
      public void visitOuterClass(String owner, String m, String descriptor) {}

      @Override
      public void visitNestHost(String host) {}

      @Override
      public void visitNestMember(String member) {}

      @Override
      public void visitPermittedSubclass(String sub) {}

      @Override
      public void visitSource(String source, String debug) {}

      @Override
      public RecordComponentVisitor visitRecordComponent(
          String n, String descriptor, String signature) {
        return null;
      }
    }

    /** Defines one holder; its parent resolves the field types and their annotations. */
    private static final class HolderLoader extends ClassLoader {
      HolderLoader(ClassLoader parent) {
        super(parent);
      }

      Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
      }
    }
  }
}
