package dev.hotconf.it.host;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A host application with static and instance {@code @Reloadable} fields of every supported type.
 * Every 10 ms it writes what it sees to {@code state.properties} (atomically, with a heartbeat), so
 * a test can poll for a condition with a deadline.
 *
 * <p>Usage: {@code TypesHost STATE_FILE}
 */
public final class TypesHost {
  @Reloadable("s.string")
  static String string = "default";

  @Reloadable("s.country")
  static String country = "default";

  @Reloadable("s.version")
  static String version = "default";

  @Reloadable("s.int")
  static int anInt = 1;

  @Reloadable("s.hex")
  static int hex;

  @Reloadable("s.long")
  static long aLong = 2L;

  @Reloadable("s.short")
  static short aShort = 3;

  @Reloadable("s.byte")
  static byte aByte = 4;

  @Reloadable("s.double")
  static double aDouble = 5.5;

  @Reloadable("s.float")
  static float aFloat = 6.5f;

  @Reloadable("s.boolean")
  static boolean aBoolean;

  @Reloadable("s.char")
  static char aChar = 'x';

  @Reloadable("s.boxedInt")
  static Integer boxedInt = 7;

  @Reloadable("s.boxedLong")
  static Long boxedLong = 8L;

  @Reloadable("s.boxedBoolean")
  static Boolean boxedBoolean = Boolean.FALSE;

  @Reloadable("s.boxedDouble")
  static Double boxedDouble = 9.5;

  @Reloadable("s.boxedFloat")
  static Float boxedFloat;

  @Reloadable("s.boxedShort")
  static Short boxedShort;

  @Reloadable("s.boxedByte")
  static Byte boxedByte;

  @Reloadable("s.boxedChar")
  static Character boxedChar;

  @Reloadable("s.speed")
  static Speed speed = Speed.SLOW;

  @Reloadable("s.duration")
  static Duration duration = Duration.ofSeconds(1);

  @Reloadable("s.path")
  static Path path = Path.of("default");

  @Reloadable("s.uri")
  static URI uri = URI.create("http://default");

  @Reloadable("s.big")
  static BigDecimal big = BigDecimal.ONE;

  @Reloadable("s.bigint")
  static BigInteger bigint = BigInteger.ONE;

  @Reloadable("s.list")
  static List<String> list = List.of("default");

  @Reloadable("s.ints")
  static List<Integer> ints = List.of();

  @Reloadable("s.durations")
  static List<Duration> durations = List.of();

  @Reloadable("s.set")
  static Set<String> set = Set.of();

  @Reloadable("s.map")
  static Map<String, Integer> map = Map.of();

  /** Not final in spirit: a non-constant static final binds too. */
  @Reloadable("s.finalList")
  static final List<String> FINAL_LIST = List.of("default");

  /** Secrets: their values must never appear in what the agent prints. */
  @Reloadable("db.password")
  static String password = "default";

  @Reloadable("db.token")
  static int token;

  /** Bound by its own name. */
  @Reloadable static String byName = "default";

  /** Read in a hot loop on another thread, declared without volatile. */
  @Reloadable("loop.stop")
  static boolean stop;

  static volatile boolean loopExited;
  static volatile long callbackGeneration = 1;
  static volatile String callbackKeys = "";
  static volatile String callbackCause = "";
  static volatile int callbacks;

  /** Every (s.string, s.int) pair a callback saw: a reload of half a file would show here. */
  static final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private TypesHost() {}

  @OnReload
  static void reloaded(ReloadEvent event) {
    seen.add(string + "/" + anInt);
    callbackKeys = String.join(",", new TreeSet<>(event.changedKeys()));
    callbackCause = event.cause();
    callbacks++;
    // Last: the state writer reads the generation first, and the rest must be at least as new.
    callbackGeneration = event.generation();
  }

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    Settings settings = new Settings();
    if (Boolean.getBoolean("host.spin")) {
      // Only for the test that needs it: the loop keeps a core busy until loop.stop is set.
      Thread spinner =
          new Thread(
              () -> {
                long spins = 0;
                while (!stop) spins++;
                loopExited = spins >= 0;
              },
              "hot-loop");
      spinner.setDaemon(true);
      spinner.start();
    }
    System.out.println("READY");
    for (long heartbeat = 1; ; heartbeat++) {
      Properties p = new Properties();
      p.setProperty("heartbeat", Long.toString(heartbeat));
      // Callbacks run after every field is written: read what they saw first, so that the fields
      // dumped next are at least as new as the generation reported.
      p.setProperty("callback.generation", Long.toString(callbackGeneration));
      p.setProperty("callback.keys", callbackKeys);
      p.setProperty("callback.cause", callbackCause);
      p.setProperty("callback.count", Integer.toString(callbacks));
      p.setProperty("callback.seen", String.join(",", new TreeSet<>(seen)));
      p.setProperty("i.callback.generation", Long.toString(settings.callbackGeneration));
      p.setProperty("i.callback.count", Integer.toString(settings.callbacks));
      p.setProperty("loopExited", Boolean.toString(loopExited));
      HostState.dump(TypesHost.class, null, "s.", p);
      HostState.dump(Settings.class, settings, "i.", p);
      HostState.write(p, state);
      Thread.sleep(10);
    }
  }
}
