package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started the way a user starts one: {@code <jdk>/bin/java -javaagent:hotconf-agent.jar=...}
 * with a host main from the test classes. Its output is drained on threads of its own and can be
 * awaited; it is killed by PID when closed.
 */
public final class ForkedJvm implements AutoCloseable {
  /** Long enough for a slow CI machine; tests wait for a condition, never for this long. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private final Process process;
  private final StringBuilder output = new StringBuilder(); // guarded by itself
  private final List<String> command;

  private ForkedJvm(Process process, List<String> command) {
    this.process = process;
    this.command = command;
    drain(process.getInputStream(), "out");
    drain(process.getErrorStream(), "err");
  }

  /** The agent jar the build just made. */
  public static Path agentJar() {
    String jar = System.getProperty("hotconf.agent.jar");
    if (jar == null) fail("run integration tests through Maven: -Dhotconf.agent.jar is not set");
    return Path.of(jar);
  }

  /**
   * The test classes (the hosts) and the API jar: what a host application has on its class path.
   */
  public static String hostClassPath() {
    return location(ForkedJvm.class)
        + java.io.File.pathSeparator
        + location(dev.hotconf.Reloadable.class);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code mainClass} on the JDK at {@code javaHome}.
   *
   * @param agentOptions the text after {@code =} in {@code -javaagent:...=}, or {@code null} for no
   *     agent at all
   */
  public static ForkedJvm start(
      Path javaHome, String agentOptions, List<String> jvmArgs, String mainClass, String... args)
      throws IOException {
    return start(command(javaHome, agentOptions, jvmArgs, mainClass, args));
  }

  /**
   * The command line that {@link #start(Path, String, List, String, String...)} runs, for a test
   * that puts something before it ({@code nohup}) or starts it with an environment.
   */
  public static List<String> command(
      Path javaHome, String agentOptions, List<String> jvmArgs, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    if (agentOptions != null) {
      command.add("-javaagent:" + agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
    }
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(hostClassPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** {@code command} with {@code entries} appended to its class path. */
  public static List<String> withClassPath(List<String> command, List<Path> entries) {
    List<String> out = new ArrayList<>(command);
    int cp = out.indexOf("-cp") + 1;
    StringBuilder path = new StringBuilder(out.get(cp));
    for (Path entry : entries) path.append(java.io.File.pathSeparator).append(entry);
    out.set(cp, path.toString());
    return out;
  }

  /**
   * The jars of Bean Validation a host may have: the API, Hibernate Validator and what it needs.
   *
   * @param withProvider whether to include the validator, or the API alone
   */
  public static List<Path> validationLibs(boolean withProvider) throws IOException {
    String dir = System.getProperty("hotconf.validation.libs");
    if (dir == null)
      fail("run integration tests through Maven: -Dhotconf.validation.libs is not set");
    List<Path> jars = new ArrayList<>();
    try (var list = java.nio.file.Files.list(Path.of(dir))) {
      for (Path jar : (Iterable<Path>) list.sorted()::iterator) {
        if (withProvider || jar.getFileName().toString().startsWith("jakarta.validation-api")) {
          jars.add(jar);
        }
      }
    }
    return jars;
  }

  /** Starts exactly {@code command}. */
  public static ForkedJvm start(List<String> command) throws IOException {
    return start(command, java.util.Map.of());
  }

  /** Starts exactly {@code command}, with {@code environment} added to this process's. */
  public static ForkedJvm start(List<String> command, java.util.Map<String, String> environment)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().putAll(environment);
    return new ForkedJvm(builder.start(), List.copyOf(command));
  }

  private void drain(InputStream in, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "drain-" + name);
    t.setDaemon(true);
    t.start();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the JVM printed so far, stdout and stderr interleaved by line. */
  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Sends a real signal with {@code kill -NAME pid}. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid());
  }

  /**
   * Waits until the output satisfies {@code condition}.
   *
   * @return the output at that moment
   */
  public String awaitOutput(Predicate<String> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    synchronized (output) {
      while (!condition.test(output.toString())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) fail("timed out waiting for " + what + "; output:\n" + output);
        TimeUnit.NANOSECONDS.timedWait(output, Math.min(left, 100_000_000L));
      }
      return output.toString();
    }
  }

  /** Waits until the output contains {@code text} {@code times} times. */
  public String awaitOutput(String text, int times) throws InterruptedException {
    return awaitOutput(o -> count(o, text) >= times, times + " x '" + text + "'");
  }

  /** Waits until the output matches {@code regex} (found anywhere) {@code times} times. */
  public String awaitMatch(String regex, int times) throws InterruptedException {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    return awaitOutput(
        o -> {
          java.util.regex.Matcher m = p.matcher(o);
          int n = 0;
          while (m.find()) n++;
          return n >= times;
        },
        times + " x /" + regex + "/");
  }

  /** The hash as a log line shows it, for patterns. */
  public static final String SHORT_HASH = "\\(sha256:[0-9a-f]{12}\\)";

  public static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
    return n;
  }

  /** Waits for the JVM to exit by itself and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("JVM did not exit: " + command + "\noutput:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    // The whole tree: a JVM started through runuser or nohup may be a child of the process.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
