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
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's demo, as a user runs it: the demo jar with the agent, its shipped {@code demo.yaml},
 * {@code kill -HUP}, and HTTP requests to see the values. It also prints how long it takes from
 * {@code kill -HUP} to a response showing the new generation, over 20 reloads.
 */
class DemoIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+/)");
  private static final Pattern APPLIED_IN =
      Pattern.compile("generation (\\d+) \\(sha256:[0-9a-f]{12}\\), .* in ([\\d.]+) ms");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void theDemoReloadsOnHupAndKeepsServingThroughABadEdit(Path jdk, @TempDir Path dir)
      throws Exception {
    Path demoDir = Path.of(System.getProperty("hotconf.demo.dir"));
    Path config = dir.resolve("demo.yaml");
    String shipped = Files.readString(demoDir.resolve("config/demo.yaml"));
    Files.writeString(config, shipped);
    List<String> command =
        List.of(
            jdk.resolve("bin/java").toString(),
            "-javaagent:" + ForkedJvm.agentJar() + "=config=" + config,
            "-Ddemo.port=0",
            "-jar",
            demoDir.resolve("target/hotconf-demo.jar").toString());
    try (ForkedJvm demo = ForkedJvm.start(command)) {
      Matcher m =
          LISTENING.matcher(
              demo.awaitOutput(o -> LISTENING.matcher(o).find(), "the demo to listen"));
      assertTrue(m.find());
      String url = m.group(1);

      String body = get(url).body();
      assertTrue(body.startsWith("Hello, world!\n"), body);
      assertTrue(body.contains("limits.requests-per-second: 5\n"), body);
      assertTrue(body.contains("backend.timeout: 2000ms\n"), body);
      assertTrue(body.contains("generation: 1\n"), body);
      int limited = 0;
      for (int i = 0; i < 12; i++) limited += get(url).statusCode() == 429 ? 1 : 0;
      assertTrue(limited > 0, "the rate limit of 5/s applies");

      Files.writeString(
          config,
          shipped
              .replace("greeting: Hello", "greeting: Howdy")
              .replace("shout: false", "shout: true")
              .replace("requests-per-second: 5", "requests-per-second: 100000"));
      demo.signal("HUP");
      body = awaitGeneration(url, 2);
      assertTrue(body.startsWith("HOWDY, WORLD!\n"), body);

      Files.writeString(
          config, shipped.replace("requests-per-second: 5", "requests-per-second: lots"));
      demo.signal("HUP");
      String out = demo.awaitOutput("reload rejected (SIGHUP)", 1);
      assertTrue(
          out.contains("demo.yaml: 6: limits.requests-per-second: expected int, got 'lots'"), out);
      body = get(url).body();
      assertTrue(body.startsWith("HOWDY, WORLD!\n") && body.contains("generation: 2\n"), body);

      // kill -HUP to a response that shows the new generation, 20 times.
      List<Double> endToEnd = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long generation = 3 + i;
        Files.writeString(
            config,
            shipped
                .replace("greeting: Hello", "greeting: Hello-" + i)
                .replace("requests-per-second: 5", "requests-per-second: 100000"));
        long start = System.nanoTime();
        demo.signal("HUP");
        body = awaitGeneration(url, generation);
        endToEnd.add((System.nanoTime() - start) / 1e6);
        assertTrue(body.startsWith("Hello-" + i + ", world!"), body);
      }
      List<Double> inAgent = new ArrayList<>();
      Matcher applied = APPLIED_IN.matcher(demo.awaitOutput("generation 22 (", 1));
      while (applied.find()) {
        if (Long.parseLong(applied.group(1)) >= 3)
          inAgent.add(Double.parseDouble(applied.group(2)));
      }
      assertEquals(20, inAgent.size(), demo.output());
      System.out.printf(
          "demo, 20 reloads on %s: kill -HUP to GET / showing the new generation:"
              + " median %.1f ms, max %.1f ms; the agent's own reload time: median %.1f ms, max %.1f ms%n",
          jdk.getFileName(),
          median(endToEnd),
          Collections.max(endToEnd),
          median(inAgent),
          Collections.max(inAgent));
    }
  }

  private String awaitGeneration(String url, long generation) throws Exception {
    long deadline = System.nanoTime() + ForkedJvm.DEADLINE.toNanos();
    while (true) {
      HttpResponse<String> response = get(url);
      if (response.statusCode() == 200
          && response.body().contains("generation: " + generation + "\n")) {
        return response.body();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "generation " + generation + " never showed; last: " + response.body());
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
