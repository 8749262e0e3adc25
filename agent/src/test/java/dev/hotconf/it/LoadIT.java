package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo under load on 127.0.0.1 while 1,000 reloads run: no request fails, and every response
 * shows the values of one configuration — each configuration's values carry the same marker.
 */
class LoadIT {
  private static final int RELOADS = 1_000;
  private static final int CLIENTS = 4;
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+/)");
  private static final Pattern FIELDS =
      Pattern.compile(
          "greeting: Hello-(\\d+)\\nfeatures.shout: (true|false)\\n"
              + "limits.requests-per-second: (\\d+)\\nbackend.timeout: (\\d+)ms\\n");

  static List<Path> jdks() {
    return Jdks.all();
  }

  private static String config(int k) {
    return "greeting: Hello-"
        + k
        + "\nfeatures:\n  shout: "
        + (k % 2 == 0)
        + "\nlimits:\n  requests-per-second: "
        + (1_000_000 + k)
        + "\nbackend:\n  timeout: "
        + (1_000 + k)
        + "ms\n";
  }

  /** Null if the body is one configuration's, else what is wrong. */
  static String inconsistency(String body) {
    Matcher m = FIELDS.matcher(body);
    if (!m.find()) return "unexpected body: " + body;
    int k = Integer.parseInt(m.group(1));
    boolean shout = Boolean.parseBoolean(m.group(2));
    String first = body.substring(0, body.indexOf('\n'));
    String greeting = "Hello-" + k + ", world!";
    boolean ok =
        shout == (k % 2 == 0)
            && Integer.parseInt(m.group(3)) == 1_000_000 + k
            && Integer.parseInt(m.group(4)) == 1_000 + k
            && first.equals(shout ? greeting.toUpperCase(Locale.ROOT) : greeting);
    return ok ? null : "mixed configurations: " + body;
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void underLoadEveryRequestSucceedsWithOneConfigurationsValues(Path jdk, @TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("demo.yaml");
    Files.writeString(config, config(0));
    List<String> command =
        List.of(
            jdk.resolve("bin/java").toString(),
            "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config,
            "-Ddemo.port=0",
            "-jar",
            Path.of(System.getProperty("hotconf.demo.dir"), "target/hotconf-demo.jar").toString());
    try (ForkedJvm demo = ForkedJvm.start(command)) {
      Matcher m =
          LISTENING.matcher(demo.awaitOutput(o -> LISTENING.matcher(o).find(), "listening"));
      assertTrue(m.find());
      URI uri = URI.create(m.group(1));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong requests = new AtomicLong();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Thread t =
            new Thread(
                () -> {
                  HttpClient http =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                  HttpRequest get = HttpRequest.newBuilder(uri).build();
                  while (!stop.get()) {
                    try {
                      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                      requests.incrementAndGet();
                      String wrong =
                          r.statusCode() != 200
                              ? "status " + r.statusCode()
                              : inconsistency(r.body());
                      if (wrong != null) failures.add(wrong);
                    } catch (Exception e) {
                      failures.add(e.toString());
                    }
                  }
                });
        t.start();
        clients.add(t);
      }
      long start = System.nanoTime();
      for (int k = 1; k <= RELOADS; k++) {
        Files.writeString(config, config(k));
        demo.signal("HUP");
        demo.awaitOutput("reload applied (SIGHUP): generation " + (k + 1) + " (", 1);
      }
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      stop.set(true);
      for (Thread t : clients) t.join();
      System.out.printf(
          "load on %s: %d reloads in %d s while %d clients made %d requests: %d failed%n",
          jdk.getFileName(), RELOADS, seconds, CLIENTS, requests.get(), failures.size());
      assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())));
      assertTrue(requests.get() > RELOADS, "requests ran through the reloads: " + requests.get());
    }
  }
}
