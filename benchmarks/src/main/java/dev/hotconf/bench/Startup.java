package dev.hotconf.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Start-up cost: wall and CPU time of three programs — a hello-world main, 1,000 generated classes
 * loaded from a directory, and 10,000 generated classes loaded from a compressed jar, as an
 * application's classes are (a handful of them with a {@code @Reloadable} field) — under three
 * configurations: no agent; an empty agent, whose {@code premain} does nothing (what {@code
 * -javaagent} itself costs, before any agent's code runs); and hotconf. Runs alternate between the
 * configurations; the figures are medians. One more run per cell, untimed, counts the classes each
 * configuration loads ({@code -Xlog:class+load}).
 *
 * <p>{@code --also LABEL=JAR} (repeatable) adds another agent, started with the same options as
 * hotconf — an older build, say — to the same runs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.hotconf.bench.Startup AGENT_JAR OUT_DIR [RUNS]
 * [--also LABEL=JAR]} (RUNS defaults to 15)
 */
public final class Startup {
  private static final String USAGE = "Startup AGENT_JAR OUT_DIR [RUNS] [--also LABEL=JAR]";
  private static final int ANNOTATED = 5;

  /** The targets the figures are held against. */
  private static final double MAX_HELLO_OVER_EMPTY_MS = 15;

  private static final double MAX_JAR_RATIO = 1.05;

  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.,]+)s\\s+(\\d+)m([\\d.,]+)s");

  /** A way to start the JVM: a label and its {@code -javaagent} argument, or none. */
  private record Config(String label, String agentArg) {}

  /** A program to start: its class path, whose main class is {@code gen.Main}. */
  private record Program(String label, Path classPath) {}

  /** The medians of one program under one configuration, and its loaded classes. */
  private record Cell(double wallMs, double cpuMs, int classes) {}

  private Startup() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Harness.Args a = new Harness.Args(args);
    Path agent = Path.of(a.positional(0, USAGE)).toAbsolutePath();
    Path out = Path.of(a.positional(1, USAGE)).toAbsolutePath();
    int runs = a.positional.size() > 2 ? Integer.parseInt(a.positional.get(2)) : 15;
    Files.createDirectories(out);
    Path config = out.resolve("startup.yaml");
    Files.writeString(config, "gen:\n  value: 42\n");
    String options = "=config=" + config;

    List<Config> configs = new ArrayList<>();
    configs.add(new Config("no agent", null));
    configs.add(new Config("empty agent", "-javaagent:" + emptyAgent(out)));
    configs.add(new Config("hotconf", "-javaagent:" + agent + options));
    for (String also : a.all("also")) {
      int eq = also.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--also takes LABEL=JAR, not " + also);
      Path jar = Path.of(also.substring(eq + 1)).toAbsolutePath();
      configs.add(new Config(also.substring(0, eq), "-javaagent:" + jar + options));
    }

    List<Program> programs =
        List.of(
            new Program("hello world", writeDirectory(out.resolve("hello"), classes(0))),
            new Program("1,000 classes", writeDirectory(out.resolve("gen1000"), classes(1_000))),
            new Program(
                "10,000 classes, jar", writeJar(out.resolve("gen10000.jar"), classes(10_000))));

    Map<String, Cell[]> rows = new LinkedHashMap<>();
    for (Program program : programs) {
      System.err.println("start-up: " + program.label());
      rows.put(program.label(), measure(configs, program, runs));
    }

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "Start-up, wall / CPU (user + system) ms, medians of %d runs, configurations"
                + " alternating%n%n",
            runs));
    report.append(String.format(Locale.ROOT, "%-20s", "program"));
    for (Config c : configs) report.append(String.format(Locale.ROOT, " %17s", c.label()));
    report.append(String.format(Locale.ROOT, " %16s%n", "hotconf/no agent"));
    rows.forEach(
        (name, cells) -> {
          report.append(String.format(Locale.ROOT, "%-20s", name));
          for (Cell cell : cells) {
            report.append(
                String.format(Locale.ROOT, " %8.0f / %6.0f", cell.wallMs(), cell.cpuMs()));
          }
          report.append(
              String.format(Locale.ROOT, " %15.2fx%n", cells[2].wallMs() / cells[0].wallMs()));
        });
    report.append(
        String.format(Locale.ROOT, "%nclasses loaded (-Xlog:class+load, one run each)%n"));
    report.append(String.format(Locale.ROOT, "%-20s", "program"));
    for (Config c : configs) report.append(String.format(Locale.ROOT, " %17s", c.label()));
    report.append('\n');
    rows.forEach(
        (name, cells) -> {
          report.append(String.format(Locale.ROOT, "%-20s", name));
          for (Cell cell : cells)
            report.append(String.format(Locale.ROOT, " %17d", cell.classes()));
          report.append('\n');
        });

    Cell[] hello = rows.get("hello world");
    Cell[] jar = rows.get("10,000 classes, jar");
    double helloOverEmpty = hello[2].wallMs() - hello[1].wallMs();
    double jarRatio = jar[2].wallMs() / jar[0].wallMs();
    report.append(
        String.format(
            Locale.ROOT,
            "%nhello world, hotconf - empty agent: %+.1f ms wall, %+.1f ms CPU (target <= +%.0f ms"
                + " wall: %s); empty agent - no agent: %+.1f ms wall%n",
            helloOverEmpty,
            hello[2].cpuMs() - hello[1].cpuMs(),
            MAX_HELLO_OVER_EMPTY_MS,
            Harness.verdict(helloOverEmpty <= MAX_HELLO_OVER_EMPTY_MS),
            hello[1].wallMs() - hello[0].wallMs()));
    report.append(
        String.format(
            Locale.ROOT,
            "10,000 classes from a jar, hotconf / no agent: %.3fx wall (target <= %.2fx: %s),"
                + " %.3fx CPU; hotconf - empty agent: %+.1f ms wall%n",
            jarRatio,
            MAX_JAR_RATIO,
            Harness.verdict(jarRatio <= MAX_JAR_RATIO),
            jar[2].cpuMs() / jar[0].cpuMs(),
            jar[2].wallMs() - jar[1].wallMs()));
    for (int k = 3; k < configs.size(); k++) {
      report.append(
          String.format(
              Locale.ROOT,
              "%s: hello world - empty agent %+.1f ms wall; 10,000 classes from a jar / no agent"
                  + " %.3fx wall%n",
              configs.get(k).label(),
              hello[k].wallMs() - hello[1].wallMs(),
              jar[k].wallMs() / jar[0].wallMs()));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "{\"runs\": %d, \"helloWorldMs\": {\"noAgent\": %.1f, \"emptyAgent\": %.1f,"
                + " \"hotconf\": %.1f}, \"helloWorldHotconfMinusEmptyMs\": %.1f,"
                + " \"jar10000Ms\": {\"noAgent\": %.1f, \"emptyAgent\": %.1f, \"hotconf\": %.1f},"
                + " \"jar10000HotconfOverNoAgent\": %.3f}",
            runs,
            hello[0].wallMs(),
            hello[1].wallMs(),
            hello[2].wallMs(),
            helloOverEmpty,
            jar[0].wallMs(),
            jar[1].wallMs(),
            jar[2].wallMs(),
            jarRatio);
    report.append('\n').append(summary).append('\n');
    System.out.print(report);
    Harness.writeResults(out.resolve("startup.txt"), report.toString());
    chart(configs, rows, runs, out.resolve("startup"));
  }

  /** Grouped bars: one group per program, one bar per configuration. */
  private static void chart(List<Config> configs, Map<String, Cell[]> rows, int runs, Path file)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(480)
            .title("Start-up wall time, median of " + runs + " runs (ms; lower is better)")
            .yAxisTitle("ms")
            .build();
    List<String> names = new ArrayList<>(rows.keySet());
    for (int k = 0; k < configs.size(); k++) {
      List<Double> wall = new ArrayList<>();
      for (Cell[] cells : rows.values()) wall.add(cells[k].wallMs());
      chart.addSeries(configs.get(k).label(), names, wall);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /**
   * One program under every configuration: a round to warm the file cache (not counted), {@code
   * runs} timed rounds, each starting with the next configuration so that none is always first;
   * then one run per configuration counting the classes loaded.
   */
  private static Cell[] measure(List<Config> configs, Program program, int runs) throws Exception {
    int n = configs.size();
    double[][] wall = new double[n][runs];
    double[][] cpu = new double[n][runs];
    for (Config c : configs) timed(c, program);
    for (int i = 0; i < runs; i++) {
      for (int j = 0; j < n; j++) {
        int k = (i + j) % n;
        double[] t = timed(configs.get(k), program);
        wall[k][i] = t[0];
        cpu[k][i] = t[1];
      }
    }
    Cell[] cells = new Cell[n];
    for (int k = 0; k < n; k++) {
      cells[k] =
          new Cell(
              Harness.median(wall[k]), Harness.median(cpu[k]), classCount(configs.get(k), program));
    }
    return cells;
  }

  private static List<String> command(Config config, Program program, String... jvmOptions) {
    List<String> command = new ArrayList<>(List.of(Harness.java()));
    command.addAll(List.of(jvmOptions));
    if (config.agentArg() != null) command.add(config.agentArg());
    command.addAll(List.of("-cp", program.classPath().toString(), "gen.Main"));
    return command;
  }

  /**
   * Wall and CPU milliseconds of one run. bash times the JVM: its clock in microseconds around the
   * JVM alone ({@code EPOCHREALTIME}, not the fork of bash itself), and the JVM's user and system
   * time in milliseconds ({@code times}), finer than GNU time's 10 ms.
   */
  private static double[] timed(Config config, Program program) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "s=$EPOCHREALTIME; \"$@\"; r=$?; e=$EPOCHREALTIME; echo \"@@WALL $s $e\";"
                    + " echo @@TIMES; times; exit $r",
                "bash"));
    command.addAll(command(config, program));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0 || !out.contains("hello")) {
      throw new IllegalStateException("failed: " + command + "\n" + out);
    }
    List<String> lines = out.lines().toList();
    double wall = Double.NaN;
    double cpu = Double.NaN;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("@@WALL ")) {
        String[] f = line.replace(',', '.').split(" ");
        wall = (Double.parseDouble(f[2]) - Double.parseDouble(f[1])) * 1000;
      } else if (line.equals("@@TIMES") && i + 2 < lines.size()) {
        Matcher m = TIMES.matcher(lines.get(i + 2)); // the second line: the children's times
        if (m.find())
          cpu = (seconds(m.group(1), m.group(2)) + seconds(m.group(3), m.group(4))) * 1000;
      }
    }
    if (Double.isNaN(wall) || Double.isNaN(cpu)) {
      throw new IllegalStateException("no timing in the output of " + command + ":\n" + out);
    }
    return new double[] {wall, cpu};
  }

  private static double seconds(String minutes, String seconds) {
    return Integer.parseInt(minutes) * 60 + Double.parseDouble(seconds.replace(',', '.'));
  }

  /** The classes the JVM loads for one run, counted from its class loading log. */
  private static int classCount(Config config, Program program) throws Exception {
    List<String> command = command(config, program, "-Xlog:class+load=info:stdout");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("failed: " + command + "\n" + out);
    return (int) out.lines().filter(l -> l.contains("[class,load]")).count();
  }

  /**
   * An agent whose {@code premain} returns at once, generated into {@code dir}: what {@code
   * -javaagent} costs before any agent's own work (the instrument library, opening the jar, its
   * manifest), with the same manifest attributes as hotconf's that change what the JVM sets up.
   */
  static Path emptyAgent(Path dir) throws IOException {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "empty/Agent", null, "java/lang/Object", null);
    MethodVisitor premain =
        cw.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
            "premain",
            "(Ljava/lang/String;Ljava/lang/instrument/Instrumentation;)V",
            null,
            null);
    premain.visitCode();
    premain.visitInsn(Opcodes.RETURN);
    premain.visitMaxs(0, 0);
    premain.visitEnd();
    cw.visitEnd();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", "empty.Agent");
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    Path jar = dir.resolve("empty-agent.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("empty/Agent.class"));
      out.write(cw.toByteArray());
      out.closeEntry();
    }
    return jar;
  }

  /** Writes class files under {@code dir}, as a build's output directory holds them. */
  static Path writeDirectory(Path dir, Map<String, byte[]> classes) throws IOException {
    for (Map.Entry<String, byte[]> c : classes.entrySet()) {
      Path file = dir.resolve(c.getKey() + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, c.getValue());
    }
    return dir;
  }

  /** Writes class files into a compressed jar, as an application is shipped. */
  static Path writeJar(Path jar, Map<String, byte[]> classes) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        out.putNextEntry(new JarEntry(c.getKey() + ".class")); // deflated, the default
        out.write(c.getValue());
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * {@code gen.C0..C(n-1)} and {@code gen.Main}, which loads and initializes each of them and
   * prints {@code hello}: the first few classes have a {@code @Reloadable} static field. Internal
   * names to class files, in order.
   */
  static Map<String, byte[]> classes(int n) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
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
      classes.put("gen/C" + i, cw.toByteArray());
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
    Label loop = new Label();
    Label done = new Label();
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
    classes.put("gen/Main", cw.toByteArray());
    return classes;
  }
}
