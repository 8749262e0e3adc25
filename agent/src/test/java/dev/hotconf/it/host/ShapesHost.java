package dev.hotconf.it.host;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host with the shapes real applications have: structured values (records, plain classes, lists
 * of them), a class hierarchy with fields and callbacks at each level, final fields, a compile-time
 * constant and a record with an annotated component. A reader thread checks that every {@code db}
 * it reads is one whole configuration.
 *
 * <p>Usage: {@code ShapesHost STATE_FILE}
 */
public final class ShapesHost {
  public record Pool(int size, Duration timeout) {}

  /** {@code url} ends with the pool size: a reader can tell a torn value. */
  public record Db(String url, Pool pool, List<String> replicas) {}

  /** A plain class: absent keys keep these initializers. */
  public static class Limits {
    int rate = 10;
    Duration window = Duration.ofSeconds(1);

    @Override
    public String toString() {
      return "Limits[rate=" + rate + ", window=" + window + "]";
    }
  }

  /** The superclass's fields and callbacks serve every subclass instance. */
  public abstract static class Service {
    @Reloadable("svc.name")
    String name = "base";

    volatile int baseCalls;

    @OnReload
    void baseReloaded() {
      baseCalls++;
    }
  }

  public static final class Web extends Service {
    /** A final instance field assigned in the constructor: bindable. */
    @Reloadable("svc.port")
    final int port;

    volatile int webCalls;
    volatile long lastGeneration;

    Web() {
      port = 80;
    }

    @OnReload
    void webReloaded(ReloadEvent event) {
      webCalls++;
      lastGeneration = event.generation();
    }
  }

  /** A record's own fields cannot be bound: the agent says so when it loads. */
  public record Unbindable(@Reloadable("unbindable") int x) {}

  @Reloadable("db")
  static Db db = new Db("none-0", new Pool(0, Duration.ZERO), List.of());

  @Reloadable("limits")
  static Limits limits = new Limits();

  @Reloadable("servers")
  static List<Pool> servers = List.of();

  @Reloadable("constant")
  static final int CONSTANT = 5;

  private ShapesHost() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    Web web = new Web();
    new Unbindable(1);
    AtomicLong reads = new AtomicLong();
    AtomicLong torn = new AtomicLong();
    Thread reader =
        new Thread(
            () -> {
              while (true) {
                Db seen = db;
                String expected = "-" + seen.pool().size();
                if (!seen.url().endsWith(expected)) torn.incrementAndGet();
                reads.incrementAndGet();
              }
            },
            "db-reader");
    reader.setDaemon(true);
    reader.start();
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      p.setProperty("web.baseCalls", Integer.toString(web.baseCalls));
      p.setProperty("web.webCalls", Integer.toString(web.webCalls));
      p.setProperty("web.lastGeneration", Long.toString(web.lastGeneration));
      p.setProperty("reads", Long.toString(reads.get()));
      p.setProperty("torn", Long.toString(torn.get()));
      p.setProperty("web.name", web.name);
      p.setProperty("web.port", Integer.toString(web.port));
      HostState.dump(ShapesHost.class, null, "s.", p);
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }
}
