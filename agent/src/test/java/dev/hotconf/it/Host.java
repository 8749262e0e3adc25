package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A forked host application ({@link dev.hotconf.it.host.TypesHost}) and the state it reports: the
 * test edits its config, signals it, and polls the state with a deadline.
 */
final class Host implements AutoCloseable {
  final ForkedJvm jvm;
  final Path config;
  private final Path state;

  private Host(ForkedJvm jvm, Path config, Path state) {
    this.jvm = jvm;
    this.config = config;
    this.state = state;
  }

  /** Starts TypesHost with the agent reading {@code config} (plus any further options). */
  static Host start(Path jdk, Path dir, Path config, String moreOptions, String... jvmArgs)
      throws IOException, InterruptedException {
    return start("dev.hotconf.it.host.TypesHost", jdk, dir, config, moreOptions, jvmArgs);
  }

  /** Starts {@code mainClass}, a host that takes its state file as its only argument. */
  static Host start(
      String mainClass, Path jdk, Path dir, Path config, String moreOptions, String... jvmArgs)
      throws IOException, InterruptedException {
    Path state = dir.resolve("state.properties");
    String options = "config=" + config + (moreOptions.isEmpty() ? "" : "," + moreOptions);
    ForkedJvm jvm = ForkedJvm.start(jdk, options, List.of(jvmArgs), mainClass, state.toString());
    return attach(jvm, config, state);
  }

  /** Follows a JVM already started, once it has said READY and written its first state. */
  static Host attach(ForkedJvm jvm, Path config, Path state)
      throws IOException, InterruptedException {
    Host host = new Host(jvm, config, state);
    jvm.awaitOutput("READY", 1);
    host.await(s -> s.getProperty("heartbeat") != null, "first state");
    return host;
  }

  /** The latest state, or an empty one before the first write. */
  Properties state() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(state)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      // not written yet
    }
    return p;
  }

  /** Polls the state until {@code condition} holds; fails with the last state on the deadline. */
  Properties await(Predicate<Properties> condition, String what)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ForkedJvm.DEADLINE.toNanos();
    Properties p = state();
    while (!condition.test(p)) {
      if (!jvm.isAlive()) fail("host died waiting for " + what + "; output:\n" + jvm.output());
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + "; state: " + p + "\noutput:\n" + jvm.output());
      }
      Thread.sleep(5);
      p = state();
    }
    return p;
  }

  /** Waits until {@code key} has {@code value}. */
  Properties await(String key, String value) throws IOException, InterruptedException {
    return await(s -> value.equals(s.getProperty(key)), key + " = " + value);
  }

  /** A state written after this call: proof that whatever happened before has been seen. */
  Properties fresh() throws IOException, InterruptedException {
    long now = Long.parseLong(state().getProperty("heartbeat", "0"));
    return await(s -> Long.parseLong(s.getProperty("heartbeat", "0")) > now + 1, "a fresh state");
  }

  void write(String yaml) throws IOException {
    Files.writeString(config, yaml);
  }

  @Override
  public void close() {
    jvm.close();
  }
}
