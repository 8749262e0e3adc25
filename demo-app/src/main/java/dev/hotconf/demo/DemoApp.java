package dev.hotconf.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * A small HTTP service whose greeting, feature flag, rate limit and timeout are
 * {@code @Reloadable}. {@code GET /} shows the values in use and the configuration's generation.
 */
public final class DemoApp {
  @Reloadable("greeting")
  private static String greeting = "Hello";

  @Reloadable("features.shout")
  private static boolean shout = false;

  @Reloadable("backend.timeout")
  private static Duration timeout = Duration.ofSeconds(1);

  /**
   * What {@code GET /} shows, replaced whole after each reload: a response shows one generation's
   * values, never some from one and some from the next. (Callbacks run once every field of a reload
   * has been written.)
   */
  private static volatile View view;

  private static final RateLimiter LIMITER = new RateLimiter();

  /** One consistent set of the values in use. */
  static final class View {
    final String greeting;
    final boolean shout;
    final int perSecond;
    final Duration timeout;
    final long generation;

    View(long generation) {
      this.greeting = DemoApp.greeting;
      this.shout = DemoApp.shout;
      this.perSecond = LIMITER.perSecond();
      this.timeout = DemoApp.timeout;
      this.generation = generation;
    }
  }

  private DemoApp() {}

  /** Publishes the new values; the rate limiter does the same when only its field changed. */
  @OnReload
  static void reloaded(ReloadEvent event) {
    publish(event.generation());
  }

  static void publish(long generation) {
    View last = view;
    // Every field of the reload is written before any callback runs, so either callback builds
    // the same view; an older generation never replaces a newer one.
    if (last == null || last.generation <= generation) view = new View(generation);
  }

  /**
   * Starts the service on 127.0.0.1, port 8080 unless {@code -Ddemo.port=N} says otherwise.
   *
   * @param args ignored
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    // One line per log record, e.g. "2026-11-22 06:26:01 INFO dev.hotconf: reload applied ...".
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
    }
    int port = Integer.getInteger("demo.port", 8080);
    String host = System.getProperty("demo.host", "127.0.0.1");
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, and every keep-alive response waits ~40 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    DemoApp app = new DemoApp();
    publish(1);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", app::home);
    server.createContext("/slow", app::slow);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println(
        "demo: listening on http://"
            + host
            + ":"
            + server.getAddress().getPort()
            + "/ (pid "
            + ProcessHandle.current().pid()
            + ")");
  }

  private void home(HttpExchange exchange) throws IOException {
    View v = view;
    if (!LIMITER.tryAcquire(v.perSecond)) {
      send(exchange, 429, "too many requests: the limit is " + v.perSecond + "/s\n");
      return;
    }
    String text = v.greeting + ", world!";
    if (v.shout) text = text.toUpperCase(Locale.ROOT);
    send(
        exchange,
        200,
        text
            + "\n"
            + "greeting: "
            + v.greeting
            + "\n"
            + "features.shout: "
            + v.shout
            + "\n"
            + "limits.requests-per-second: "
            + v.perSecond
            + "\n"
            + "backend.timeout: "
            + v.timeout.toMillis()
            + "ms\n"
            + "generation: "
            + v.generation
            + "\n");
  }

  /** Simulates a slow backend call of 1.5 s that gives up after {@code backend.timeout}. */
  private void slow(HttpExchange exchange) throws IOException {
    Duration work = Duration.ofMillis(1500);
    Duration limit = view.timeout;
    try {
      Thread.sleep(Math.min(work.toMillis(), limit.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (work.compareTo(limit) > 0) {
      send(exchange, 504, "backend timed out after " + limit.toMillis() + "ms\n");
    } else {
      send(exchange, 200, "backend answered in " + work.toMillis() + "ms\n");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
