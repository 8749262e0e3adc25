package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a fleet asks of each JVM, through the command line as a rollout script runs it:
 * configuration identity ({@code hash}), machine-readable state ({@code status --json}, {@code
 * --wait-hash}), a check against the live bindings that commits nothing ({@code check --pid}), the
 * effective configuration ({@code config}), {@code unchanged} reloads, the JFR event, and the
 * warning about single-file mounts. JSON is parsed, never grepped.
 */
class FleetIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> jdks() {
    return Jdks.all();
  }

  private static Host start(Path jdk, Path dir, String yaml, String options, String... jvmArgs)
      throws Exception {
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, yaml);
    return Host.start(jdk, dir, config, options, jvmArgs);
  }

  private static JsonNode status(Host host) throws Exception {
    Cli status = Cli.run("status", host.jvm.pid(), "--json");
    assertEquals(0, status.status, status.toString());
    return JSON.readTree(status.out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void hashStatusJsonAndWaitHashTellWhatEachJvmRuns(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: one\n  int: 1\n", "")) {
      JsonNode first = status(host);
      assertEquals(host.jvm.pid(), first.get("pid").asLong());
      assertEquals(1, first.get("generation").asLong());
      assertTrue(first.get("lastReload").isNull(), "no reload yet: " + first);
      Cli expected = Cli.run("hash", host.config);
      assertEquals(0, expected.status, expected.toString());
      Cli usage = Cli.run("hash", host.config.toString(), "--includes", "everywhere");
      assertEquals(2, usage.status, "a wrong option value is a usage error: " + usage);
      assertTrue(usage.err.contains("accepted values are local, files and all"), usage.err);
      assertEquals(expected.out.trim(), first.get("configHash").asText());
      assertTrue(first.get("configHash").asText().matches("sha256:[0-9a-f]{64}"));
      Instant.parse(first.get("appliedAt").asText());
      assertEquals(host.config.toString(), first.get("files").get(0).asText());
      assertEquals("SIGHUP", first.get("triggers").get(0).asText());
      assertTrue(first.get("bindings").asInt() > 10, first.toString());
      assertEquals(1, first.get("liveInstances").asInt());
      for (String counter : List.of("reloadsApplied", "reloadsRejected", "reloadsUnchanged")) {
        assertEquals(0, first.get(counter).asLong(), counter);
      }

      // The next configuration, in another format and order, with comments: hashed beforehand.
      Path next = dir.resolve("next.conf");
      Files.writeString(next, "# the same as YAML would say\ns { int = 2, string = two }\n");
      Cli hashed = Cli.run("hash", next);
      assertEquals(0, hashed.status, hashed.toString());
      String nextHash = hashed.out.trim();
      assertTrue(nextHash.matches("sha256:[0-9a-f]{64}"), nextHash);
      host.write("# comment\ns:\n  string: two\n  int: 2\n");
      Cli before = Cli.run("status", host.jvm.pid(), "--wait-hash", nextHash, "--timeout", "1s");
      assertEquals(2, before.status, "not yet: " + before);
      assertTrue(before.err.contains("timeout: " + nextHash + " is not active"), before.err);
      host.jvm.signal("HUP");
      Cli reached = Cli.run("status", host.jvm.pid(), "--wait-hash", nextHash, "--timeout", "30s");
      assertEquals(0, reached.status, reached.toString());
      assertTrue(reached.out.contains("generation 2, " + nextHash), reached.out);
      JsonNode applied = status(host);
      assertEquals(nextHash, applied.get("configHash").asText());
      JsonNode last = applied.get("lastReload");
      assertEquals("applied", last.get("outcome").asText());
      assertEquals("SIGHUP", last.get("cause").asText());
      assertEquals(2, last.get("generation").asLong());
      assertEquals(nextHash, last.get("configHash").asText());
      assertEquals(List.of("s.int", "s.string"), strings(last.get("changedKeys")));
      assertEquals(0, last.get("problems").size());
      assertTrue(last.get("durationMillis").isNumber());
      Instant.parse(last.get("at").asText());

      // A rejected reload: wait-hash for a configuration that will never come says 1.
      Path refused = dir.resolve("refused.yaml");
      Files.writeString(refused, "s:\n  int: lots\n");
      String refusedHash = Cli.run("hash", refused).out.trim();
      host.write("s:\n  int: lots\n");
      Thread waiter =
          new Thread(
              () -> {
                try {
                  Thread.sleep(500);
                  host.jvm.signal("HUP");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      waiter.start();
      Cli rejected =
          Cli.run("status", host.jvm.pid(), "--wait-hash", refusedHash, "--timeout", "30s");
      waiter.join();
      assertEquals(1, rejected.status, rejected.toString());
      JsonNode after = status(host);
      assertEquals(nextHash, after.get("configHash").asText(), "the previous one stays");
      JsonNode lastRejected = after.get("lastReload");
      assertEquals("rejected", lastRejected.get("outcome").asText());
      assertEquals(refusedHash, lastRejected.get("configHash").asText());
      assertTrue(
          lastRejected.get("problems").get(0).asText().startsWith(host.config + ": 2: s.int:"),
          lastRejected.toString());
      assertEquals(1, after.get("reloadsRejected").asLong());

      Cli malformed = Cli.run("status", host.jvm.pid(), "--wait-hash", "sha256:xyz");
      assertEquals(2, malformed.status, malformed.toString());
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void aReloadOfWhatIsActiveIsUnchangedRunsNoCallbackAndKeepsTheGeneration(
      Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: one\n  int: 1\n", "")) {
      host.write("# reformatted\ns: {int: 1, string: 'one'}\n");
      host.jvm.signal("HUP");
      String out =
          host.jvm.awaitMatch(
              "reload unchanged \\(SIGHUP\\): generation 1 " + ForkedJvm.SHORT_HASH, 1);
      assertFalse(out.contains("reload applied"), out);
      Properties s = host.fresh();
      assertEquals("0", s.getProperty("callback.count"), "no callback for an unchanged reload");
      JsonNode status = status(host);
      assertEquals(1, status.get("generation").asLong());
      assertEquals("unchanged", status.get("lastReload").get("outcome").asText());
      assertEquals(1, status.get("reloadsUnchanged").asLong());
      Cli reload = Cli.run("reload", host.jvm.pid());
      assertEquals(0, reload.status, reload.toString());
      assertTrue(reload.out.startsWith("unchanged: generation 1 (sha256:"), reload.out);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void checkPlansACandidateInsideTheJvmAndCommitsNothing(Path jdk, @TempDir Path dir)
      throws Exception {
    try (Host host =
        start(jdk, dir, "s:\n  string: one\n  int: 1\ndb:\n  password: hunter2\n", "")) {
      JsonNode before = status(host);
      Path candidate = dir.resolve("candidate.yaml.new");
      Files.writeString(candidate, "s:\n  string: two\n  int: 1\ndb:\n  password: swordfish\n");
      Cli change = Cli.run("check", "--pid", host.jvm.pid(), candidate);
      assertEquals(0, change.status, change.toString());
      assertTrue(change.out.contains("would change: s.string: one → two\n"), change.out);
      assertTrue(change.out.contains("would change: db.password: **** → ****\n"), change.out);
      assertFalse(change.out.contains("hunter2") || change.out.contains("swordfish"), change.out);
      String hash = Cli.run("hash", withExtension(candidate, dir)).out.trim();
      assertTrue(change.out.contains("candidate: " + hash + "\n"), change.out + " vs " + hash);

      Files.writeString(candidate, "s:\n  string: two\n  int: many\n");
      Cli refused = Cli.run("check", "--pid", host.jvm.pid(), candidate);
      assertEquals(1, refused.status, refused.toString());
      assertTrue(
          refused.out.contains(
              candidate
                  + ": 3: s.int: expected int, got 'many' (field"
                  + " dev.hotconf.it.host.TypesHost.anInt)"),
          refused.out);

      // Without FILE: the configured files as they are on disk now.
      host.write("s:\n  string: three\n");
      Cli onDisk = Cli.run("check", "--pid", host.jvm.pid());
      assertEquals(0, onDisk.status, onDisk.toString());
      assertTrue(onDisk.out.contains("would change: s.string: one → three\n"), onDisk.out);

      Cli tooMany = Cli.run("check", "--pid", host.jvm.pid(), candidate, candidate);
      assertEquals(2, tooMany.status, tooMany.toString());
      Cli unreachable = Cli.run("check", "--pid", 999_999_999L, candidate);
      assertEquals(2, unreachable.status, unreachable.toString());

      JsonNode after = status(host);
      assertEquals(before.get("generation"), after.get("generation"), "nothing committed");
      assertEquals(before.get("configHash"), after.get("configHash"));
      assertEquals("one", host.fresh().getProperty("s.string"));
      assertEquals("0", host.state().getProperty("callback.count"));
    }
  }

  private static Path withExtension(Path candidate, Path dir) throws Exception {
    Path yaml = dir.resolve("candidate-copy.yaml");
    Files.copy(candidate, yaml, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return yaml;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void configListsEveryKeyWithItsOriginAndFields(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: one\n  password: hunter2\ntypo: hello\n", "")) {
      Cli config = Cli.run("config", host.jvm.pid(), "--json");
      assertEquals(0, config.status, config.toString());
      JsonNode json = JSON.readTree(config.out);
      assertEquals(1, json.get("generation").asLong());
      assertTrue(json.get("configHash").asText().startsWith("sha256:"));
      JsonNode string = entry(json, "s.string");
      assertEquals("one", string.get("value").asText());
      assertEquals(host.config + ": 2", string.get("origin").asText());
      assertEquals("dev.hotconf.it.host.TypesHost.string", string.get("fields").get(0).asText());
      JsonNode typo = entry(json, "typo");
      assertEquals(0, typo.get("fields").size(), "nothing binds it");
      assertEquals("****", entry(json, "s.password").get("value").asText());
      assertFalse(config.out.contains("hunter2"), config.out);
      Cli text = Cli.run("config", host.jvm.pid());
      assertTrue(text.out.contains("s.string = one    # " + host.config + ": 2 → "), text.out);
      assertTrue(text.out.contains("typo = **** "), text.out);
      assertTrue(text.out.contains("→ unbound"), text.out);
    }
  }

  private static JsonNode entry(JsonNode config, String key) {
    for (JsonNode e : config.get("entries")) {
      if (key.equals(e.get("key").asText())) return e;
    }
    throw new AssertionError("no entry " + key + " in " + config);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void eachReloadIsAJfrEvent(Path jdk, @TempDir Path dir) throws Exception {
    Path recording = dir.resolve("reloads.jfr");
    try (Host host =
        start(
            jdk,
            dir,
            "s:\n  string: one\n",
            "",
            "-XX:StartFlightRecording=filename=" + recording + ",dumponexit=true")) {
      host.write("s:\n  string: two\n");
      host.jvm.signal("HUP");
      host.await("callback.generation", "2");
      host.write("s:\n  int: nope\n");
      host.jvm.signal("HUP");
      host.jvm.awaitOutput("reload rejected (SIGHUP)", 1);
      host.jvm.signal("TERM");
      host.jvm.awaitExit();
    }
    List<RecordedEvent> reloads = new ArrayList<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (e.getEventType().getName().equals("dev.hotconf.Reload")) reloads.add(e);
    }
    assertEquals(2, reloads.size(), reloads.toString());
    RecordedEvent applied = reloads.get(0);
    assertEquals("applied", applied.getString("outcome"));
    assertEquals("SIGHUP", applied.getString("cause"));
    assertEquals(2, applied.getLong("generation"));
    assertTrue(applied.getString("configHash").startsWith("sha256:"));
    assertEquals(1, applied.getInt("changedKeys"));
    assertFalse(applied.getDuration().isNegative());
    RecordedEvent rejected = reloads.get(1);
    assertEquals("rejected", rejected.getString("outcome"));
    assertEquals(2, rejected.getLong("generation"));
  }

  /**
   * A ConfigMap mounted with subPath is a single-file bind mount: updates never reach it. Made here
   * with a bind mount in a mount namespace of the host's own, where this machine allows one.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void aSingleFileMountIsWarnedAbout(Path jdk, @TempDir Path dir) throws Exception {
    Path source = dir.resolve("configmap-app.yaml");
    Files.writeString(source, "s:\n  string: mounted\n");
    Path config = dir.resolve("app.yaml");
    Files.writeString(config, "s:\n  string: placeholder\n");
    Process probe =
        new ProcessBuilder("unshare", "-m", "--propagation", "private", "true")
            .redirectErrorStream(true)
            .start();
    assumeTrue(
        probe.waitFor() == 0,
        "this machine allows no mount namespace (unshare -m): the subPath warning is not tested");
    Path state = dir.resolve("state.properties");
    List<String> java =
        ForkedJvm.command(
            jdk, "config=" + config, List.of(), "dev.hotconf.it.host.TypesHost", state.toString());
    // unshare execs sh, which mounts and execs java: one process, the JVM's pid.
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"",
                "sh",
                source.toString(),
                config.toString()));
    command.addAll(java);
    try (ForkedJvm jvm = ForkedJvm.start(command)) {
      Host host = Host.attach(jvm, config, state);
      assertEquals("mounted", host.state().getProperty("s.string"));
      String out = jvm.awaitOutput("kubernetes#50345", 1);
      assertTrue(out.contains(config + " is a mount point of its own"), out);
      assertTrue(out.contains("mount the ConfigMap's whole directory instead"), out);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void anOrdinaryFileIsNotWarnedAbout(Path jdk, @TempDir Path dir) throws Exception {
    try (Host host = start(jdk, dir, "s:\n  string: plain\n", "")) {
      host.fresh();
      assertFalse(host.jvm.output().contains("kubernetes#50345"), host.jvm.output());
    }
  }
}
