package dev.hotconf.agent.internal.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.OnReload;
import dev.hotconf.Reloadable;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Loader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload thread on its own: coalescing, tickets, and outcomes, without a forked JVM. */
class ReloaderTest {
  @TempDir Path dir;

  /** Holds a reload in its callback until the test lets it go. */
  static class Held {
    @Reloadable("v")
    static String value = "none";

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    @OnReload
    static void reloaded() throws InterruptedException {
      entered.countDown();
      release.await(30, TimeUnit.SECONDS);
    }
  }

  private Reloader reloader(Path file) throws Exception {
    Loader loader = new Loader(List.of(ConfigFile.of(file.toString())));
    Registry registry = new Registry(loader.load());
    registry.initialized(Held.class);
    return new Reloader(loader, registry, false, Duration.ofSeconds(30));
  }

  @Test
  void aBurstDuringAReloadCoalescesIntoOneMoreAndATicketWaitsForIt() throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "v: one\n");
    Reloader reloader = reloader(file);
    reloader.start();
    Held.entered = new CountDownLatch(1);
    Held.release = new CountDownLatch(1);
    Files.writeString(file, "v: two\n");
    reloader.request("first");
    assertTrue(Held.entered.await(10, TimeUnit.SECONDS), "the first reload reached its callback");
    long ticket = reloader.ticket(); // taken while generation 2 is being applied
    Files.writeString(file, "v: three\n");
    for (int i = 0; i < 100; i++) reloader.request("burst");
    assertNull(reloader.awaitServed(ticket, 100), "the running reload does not serve the ticket");
    Held.release.countDown();
    Outcome outcome = reloader.awaitServed(ticket, 10_000);
    assertEquals(Outcome.Kind.APPLIED, outcome.kind());
    assertEquals(3, outcome.generation(), "the reload after the ticket, which read 'three'");
    assertEquals("three", Held.value);
    Reloader.Status status = reloader.status();
    assertEquals(101, status.requested, "the first request and the burst of 100");
    assertEquals(101, status.served, "nothing left pending");
    assertEquals(2, status.applied, "the burst of 100 made one reload");
  }

  @Test
  void theSameFilesAgainAreUnchangedAndRunNoCallback() throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "v: one\n");
    Reloader reloader = reloader(file);
    Held.entered = new CountDownLatch(1);
    Held.release = new CountDownLatch(0);
    Files.writeString(file, "# a comment\nv: 'one'\n");
    Outcome outcome = reloader.reload("test");
    assertEquals(Outcome.Kind.UNCHANGED, outcome.kind(), outcome.toString());
    assertEquals(1, outcome.generation());
    assertEquals(1, Held.entered.getCount(), "no callback ran");
    assertTrue(
        outcome
            .toString()
            .matches("reload unchanged \\(test\\): generation 1 \\(sha256:[0-9a-f]{12}\\)"),
        outcome.toString());
  }

  @Test
  void aRejectedReloadNamesEveryProblemAndKeepsTheGeneration() throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "v: one\n");
    Reloader reloader = reloader(file);
    Files.writeString(file, "v: [unclosed\n");
    Outcome outcome = reloader.reload("test");
    assertEquals(Outcome.Kind.REJECTED, outcome.kind());
    assertNull(outcome.configHash(), "its files did not load");
    assertTrue(outcome.summary().startsWith("rejected: " + file + ": "), outcome.summary());
    assertTrue(outcome.summary().endsWith("previous configuration kept (generation 1)"));
    assertEquals("one", Held.value);
  }
}
