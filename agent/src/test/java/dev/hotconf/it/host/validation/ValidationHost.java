package dev.hotconf.it.host.validation;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import dev.hotconf.it.host.HostState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A host whose bound fields carry Bean Validation constraints: on static and instance fields, on
 * record components with {@code @Valid} to descend, in a list, and a custom one. It writes what its
 * fields hold after start and after each reload's callbacks.
 *
 * <p>Usage: {@code ValidationHost STATE}
 */
public final class ValidationHost {
  /** A pool, validated by its components. */
  public record Pool(@Min(1) @Max(100) int size, @NotNull Duration timeout) {}

  /** A database: its own constraint, and the pool's through {@code @Valid}. */
  public record Db(@NotBlank String url, @Valid Pool pool) {}

  /** A replica in a list. */
  public record Replica(@NotBlank String host, @Min(1) int weight) {}

  /** Settings on static fields, which Bean Validation itself leaves out. */
  static final class Settings {
    @Reloadable("limits.pool-size")
    @Min(1)
    @Max(100)
    static int poolSize = 10;

    @Reloadable("name")
    @NotBlank
    static String name = "default";

    @Reloadable("url")
    @Pattern(regexp = "https?://.+")
    static String url = "http://localhost";

    @Reloadable("port")
    @EvenPort
    static int port = 8080;

    @Reloadable("db")
    @Valid
    static Db db = new Db("jdbc:h2:mem", new Pool(5, Duration.ofSeconds(1)));

    @Reloadable("replicas")
    static List<@Valid Replica> replicas = List.of();

    @Reloadable("secrets.password")
    @Size(min = 8)
    static String password = "changeme!";

    /** Unconstrained: it applies with the others, or not at all. */
    @Reloadable("greeting")
    static String greeting = "hello";

    static volatile long generation = 1;

    @OnReload
    static void reloaded(ReloadEvent event) throws Exception {
      generation = event.generation();
      write();
    }
  }

  /** An instance field's constraint. */
  static final class Client {
    @Reloadable("client.retries")
    @PositiveOrZero
    int retries = 3;
  }

  private static Path state;
  private static Client client;

  private ValidationHost() {}

  public static void main(String[] args) throws Exception {
    state = Path.of(args[0]);
    client = new Client();
    write();
    System.out.println("READY");
    while (true) {
      Thread.sleep(50);
      write();
    }
  }

  static synchronized void write() throws Exception {
    Properties p = new Properties();
    p.setProperty("heartbeat", Long.toString(System.nanoTime()));
    p.setProperty("generation", Long.toString(Settings.generation));
    p.setProperty("poolSize", Integer.toString(Settings.poolSize));
    p.setProperty("name", Settings.name);
    p.setProperty("url", Settings.url);
    p.setProperty("port", Integer.toString(Settings.port));
    p.setProperty("db", String.valueOf(Settings.db));
    p.setProperty("replicas", String.valueOf(Settings.replicas));
    p.setProperty("password.length", Integer.toString(Settings.password.length()));
    p.setProperty("greeting", Settings.greeting);
    p.setProperty("retries", Integer.toString(client.retries));
    HostState.write(p, state);
  }
}
