package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fleet on a real engine: a real etcd server on 127.0.0.1, three JVMs with the agent, and the
 * example sync script ({@code examples/etcd/hotconf-etcd-sync}) driven by {@code etcdctl watch}. A
 * good value put into etcd reaches all three with the same hash; a bad value is refused by {@code
 * check --pid}, and no file or JVM changes; etcd stopped and restarted loses nothing.
 */
class EtcdFleetIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "/demo/config";

  static List<Path> jdks() {
    return Jdks.all();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** An etcd server of its own: data in the test's directory, loopback only. */
  private static final class Etcd implements AutoCloseable {
    final String endpoint;
    private final List<String> command;
    private ForkedJvm process;

    Etcd(Path data) throws IOException {
      int client = freePort();
      int peer = freePort();
      endpoint = "http://127.0.0.1:" + client;
      String peerUrl = "http://127.0.0.1:" + peer;
      command =
          List.of(
              "etcd",
              "--name",
              "hotconf-test",
              "--data-dir",
              data.toString(),
              "--listen-client-urls",
              endpoint,
              "--advertise-client-urls",
              endpoint,
              "--listen-peer-urls",
              peerUrl,
              "--initial-advertise-peer-urls",
              peerUrl,
              "--initial-cluster",
              "hotconf-test=" + peerUrl);
    }

    void start() throws Exception {
      process = ForkedJvm.start(command);
      long deadline = System.nanoTime() + ForkedJvm.DEADLINE.toNanos();
      while (run("endpoint", "health") != 0) {
        assertTrue(process.isAlive(), "etcd ended: " + process.output());
        assertTrue(System.nanoTime() < deadline, "etcd never became healthy: " + process.output());
        Thread.sleep(100);
      }
    }

    void stop() {
      process.close();
    }

    void put(String value) throws Exception {
      assertEquals(0, run("put", KEY, value), "etcdctl put");
    }

    int run(String... args) throws Exception {
      List<String> c = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoint));
      c.addAll(List.of(args));
      Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    }

    @Override
    public void close() {
      if (process != null) process.close();
    }
  }

  private static boolean onPath(String command) throws Exception {
    return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void goodValuesReachEveryJvmBadOnesNoneAndAnEtcdRestartLosesNothing(Path jdk, @TempDir Path dir)
      throws Exception {
    assumeTrue(
        onPath("etcd") && onPath("etcdctl"),
        "etcd is not installed (Debian: etcd-server etcd-client; .ci/run installs them)");
    Path config = dir.resolve("app.yaml");
    String first = "s:\n  string: one\n  int: 1\n";
    Files.writeString(config, first);
    List<Host> hosts = new ArrayList<>();
    try (Etcd etcd = new Etcd(Files.createDirectory(dir.resolve("etcd-data")))) {
      etcd.start();
      etcd.put(first);
      List<String> script =
          new ArrayList<>(
              List.of(
                  "bash",
                  Path.of(System.getProperty("hotconf.examples.dir"), "etcd", "hotconf-etcd-sync")
                      .toString(),
                  "--endpoints",
                  etcd.endpoint,
                  "--key",
                  KEY,
                  "--config",
                  config.toString(),
                  "--agent",
                  ForkedJvm.agentJar().toString(),
                  "--java",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--resync",
                  "3"));
      for (int i = 0; i < 3; i++) {
        Path own = Files.createDirectory(dir.resolve("jvm" + i));
        Path pidfile = own.resolve("app.pid");
        hosts.add(Host.start(jdk, own, config, "pidfile=" + pidfile));
        script.addAll(List.of("--pidfile", pidfile.toString()));
      }
      try (ForkedJvm sync = ForkedJvm.start(script)) {
        sync.awaitOutput("watching " + KEY, 1);

        String good = "s:\n  string: two\n  int: 2\n";
        etcd.put(good);
        String goodHash = expectHash(dir, good);
        for (Host host : hosts) host.await("s.string", "two");
        for (Host host : hosts) awaitHash(host, goodHash);
        assertEquals(good, Files.readString(config).strip() + "\n");

        String bad = "s:\n  string: three\n  int: lots\n";
        etcd.put(bad);
        String out = sync.awaitOutput("s.int: expected int, got 'lots'", 1);
        assertTrue(out.contains("refused sha256:"), out);
        assertEquals(good, Files.readString(config).strip() + "\n", "the file is not touched");
        for (Host host : hosts) {
          JsonNode status = status(host);
          assertEquals(goodHash, status.get("configHash").asText(), "the last good hash");
          assertEquals(0, status.get("reloadsRejected").asLong(), "no JVM even tried it");
          assertEquals("two", host.fresh().getProperty("s.string"));
        }

        etcd.stop();
        sync.awaitOutput("cannot be read", 1);
        etcd.start();
        String after = "s:\n  string: four\n  int: 4\n";
        etcd.put(after);
        String afterHash = expectHash(dir, after);
        for (Host host : hosts) host.await("s.string", "four");
        for (Host host : hosts) awaitHash(host, afterHash);
        assertTrue(sync.isAlive(), sync.output());
      }
    } finally {
      for (Host host : hosts) host.close();
    }
  }

  private static String expectHash(Path dir, String yaml) throws Exception {
    Path file = Files.createTempFile(dir, "expected", ".yaml");
    Files.writeString(file, yaml);
    Cli hash = Cli.run("hash", file);
    assertEquals(0, hash.status, hash.toString());
    return hash.out.trim();
  }

  /** The hash is published once every field is written: a field alone may be seen before it. */
  private static void awaitHash(Host host, String hash) throws Exception {
    Cli status =
        Cli.run("status", host.jvm.pid(), "--json", "--wait-hash", hash, "--timeout", "20s");
    assertEquals(0, status.status, status.toString());
    assertEquals(hash, JSON.readTree(status.out).get("configHash").asText());
  }

  private static JsonNode status(Host host) throws Exception {
    Cli status = Cli.run("status", host.jvm.pid(), "--json");
    assertEquals(0, status.status, status.toString());
    return JSON.readTree(status.out);
  }
}
