package dev.hotconf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Start-up cost: wall and CPU time of a JVM that loads N generated classes (a handful of them with
 * a {@code @Reloadable} field), and of a hello-world main, with and without the agent, run side by
 * side (alternating) and reported as medians.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.Startup AGENT_JAR OUT_DIR RUNS}
 */
public final class Startup {
  private static final int ANNOTATED = 5;

  private Startup() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path agent = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int runs = Integer.parseInt(args[2]);
    Files.createDirectories(out);
    Path config = out.resolve("startup.yaml");
    Files.writeString(config, "gen:\n  value: 42\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String agentArg = "-javaagent:" + agent + "=config=" + config;

    Map<String, double[]> rows =
        new LinkedHashMap<>(); // name -> wall without, with, cpu without, with
    Path hello = generate(out.resolve("hello"), 0);
    rows.put("hello world", measure(java, agentArg, hello, runs));
    for (int n : new int[] {1_000, 10_000}) {
      rows.put(n + " classes", measure(java, agentArg, generate(out.resolve("gen" + n), n), runs));
    }

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "%-16s %14s %14s %8s %14s %14s%n",
            "program",
            "wall without",
            "wall with",
            "ratio",
            "cpu without",
            "cpu with"));
    rows.forEach(
        (name, r) ->
            report.append(
                String.format(
                    Locale.ROOT,
                    "%-16s %11.0f ms %11.0f ms %7.2fx %11.0f ms %11.0f ms  (+%.0f ms)%n",
                    name,
                    r[0],
                    r[1],
                    r[1] / r[0],
                    r[2],
                    r[3],
                    r[1] - r[0])));
    report.append("medians of " + runs + " runs each, with and without alternating\n");
    System.out.print(report);
    Files.writeString(out.resolve("startup.txt"), report.toString());

    CategoryChart chart =
        new CategoryChartBuilder()
            .width(800)
            .height(450)
            .title("Start-up wall time, median of " + runs + " runs (ms)")
            .yAxisTitle("ms")
            .build();
    List<String> names = new ArrayList<>(rows.keySet());
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    for (double[] r : rows.values()) {
      without.add(r[0]);
      with.add(r[1]);
    }
    chart.addSeries("without the agent", names, without);
    chart.addSeries("with the agent", names, with);
    BitmapEncoder.saveBitmap(
        chart, out.resolve("startup").toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Medians of wall and CPU milliseconds, without and with the agent, runs alternating. */
  private static double[] measure(String java, String agentArg, Path classes, int runs)
      throws Exception {
    double[][] samples = new double[4][runs];
    for (int i = 0; i < runs; i++) {
      double[] plain = run(List.of(java, "-cp", classes.toString(), "gen.Main"));
      double[] agent = run(List.of(java, agentArg, "-cp", classes.toString(), "gen.Main"));
      samples[0][i] = plain[0];
      samples[1][i] = agent[0];
      samples[2][i] = plain[1];
      samples[3][i] = agent[1];
    }
    double[] medians = new double[4];
    for (int k = 0; k < 4; k++) {
      Arrays.sort(samples[k]);
      medians[k] = samples[k][runs / 2];
    }
    return medians;
  }

  /** Wall and user+system CPU milliseconds of one run, measured by GNU time. */
  private static double[] run(List<String> command) throws Exception {
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S"));
    timed.addAll(command);
    Process p = new ProcessBuilder(timed).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("failed: " + command + "\n" + out);
    String line = out.lines().filter(l -> l.startsWith("TIME ")).reduce((a, b) -> b).orElseThrow();
    String[] f = line.split(" ");
    return new double[] {
      Double.parseDouble(f[1]) * 1000, (Double.parseDouble(f[2]) + Double.parseDouble(f[3])) * 1000
    };
  }

  /**
   * Writes {@code gen.Main}, which loads {@code gen.C0..C(n-1)} and prints the bound value: the
   * first few classes have a {@code @Reloadable} field.
   */
  static Path generate(Path dir, int n) throws IOException {
    Path pkg = Files.createDirectories(dir.resolve("gen"));
    for (int i = 0; i < n; i++) {
      ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "gen/C" + i, null, "java/lang/Object", null);
      FieldVisitor fv =
          cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "value", "I", null, null);
      if (i < ANNOTATED) {
        AnnotationVisitor av = fv.visitAnnotation("Ldev/hotconf/Reloadable;", true);
        av.visit("value", "gen.value");
        av.visitEnd();
      }
      fv.visitEnd();
      MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
      init.visitCode();
      init.visitVarInsn(Opcodes.ALOAD, 0);
      init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
      init.visitInsn(Opcodes.RETURN);
      init.visitMaxs(0, 0);
      init.visitEnd();
      cw.visitEnd();
      Files.write(pkg.resolve("C" + i + ".class"), cw.toByteArray());
    }
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "gen/Main", null, "java/lang/Object", null);
    MethodVisitor main =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)V", null, null);
    main.visitCode();
    // for (int i = 0; i < n; i++) Class.forName("gen.C" + i);
    main.visitInsn(Opcodes.ICONST_0);
    main.visitVarInsn(Opcodes.ISTORE, 1);
    org.objectweb.asm.Label loop = new org.objectweb.asm.Label();
    org.objectweb.asm.Label done = new org.objectweb.asm.Label();
    main.visitLabel(loop);
    main.visitVarInsn(Opcodes.ILOAD, 1);
    main.visitLdcInsn(n);
    main.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    main.visitLdcInsn("gen.C");
    main.visitVarInsn(Opcodes.ILOAD, 1);
    main.visitMethodInsn(
        Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
    main.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        "java/lang/String",
        "concat",
        "(Ljava/lang/String;)Ljava/lang/String;",
        false);
    main.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        "java/lang/Class",
        "forName",
        "(Ljava/lang/String;)Ljava/lang/Class;",
        false);
    main.visitInsn(Opcodes.POP);
    main.visitIincInsn(1, 1);
    main.visitJumpInsn(Opcodes.GOTO, loop);
    main.visitLabel(done);
    main.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/System", "out", "Ljava/io/PrintStream;");
    main.visitLdcInsn("hello");
    main.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/io/PrintStream", "println", "(Ljava/lang/String;)V", false);
    main.visitInsn(Opcodes.RETURN);
    main.visitMaxs(0, 0);
    main.visitEnd();
    cw.visitEnd();
    Files.write(pkg.resolve("Main.class"), cw.toByteArray());
    return dir;
  }
}
