package dev.hotconf.it.host;

import dev.hotconf.Reloadable;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Properties;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Runs its heap out to the last gap, then constructs objects of bound classes there: the object
 * fits, but the agent's work behind the constructor (registering a class it has not seen, tracking
 * the object) does not, and the agent's hook runs out of memory. None of those errors may reach
 * this code; each OutOfMemoryError the application catches is sorted by where it came from.
 * Afterwards it keeps constructing objects and writes what they hold, so that a test can see the
 * application and the agent still work.
 *
 * <p>Usage: {@code OomHost STATE}; run it with a small heap and the serial collector.
 */
public final class OomHost {
  /** Bound classes first constructed at the edge: registering each one needs a few kilobytes. */
  static final class Item {
    @Reloadable("item.value")
    int value = -1;
  }

  static final class Item2 {
    @Reloadable("item.value")
    int value = -1;
  }

  static final class Item3 {
    @Reloadable("item.value")
    int value = -1;
  }

  static final class Item4 {
    @Reloadable("item.value")
    int value = -1;
  }

  static final class Item5 {
    @Reloadable("item.value")
    int value = -1;
  }

  /** Ballast: a chain, so that filling the heap allocates nothing but itself. */
  static final class Node {
    Node next;
  }

  private static Node ballast;
  private static int fromAgent;
  private static int own;
  private static int atEdge;
  private static final OutOfMemoryError[] caught = new OutOfMemoryError[1_000];
  private static int errors;

  private OomHost() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    new Item(); // one class registered while there is room: later objects of it only need tracking
    Class<?>[] fresh = {
      Item2.class, Item3.class, Item4.class, Item5.class
    }; // loaded, not yet bound
    int room = 1;
    for (Class<?> type : fresh) {
      atTheEdge(room);
      try {
        type.getDeclaredConstructor().newInstance();
        atEdge++;
      } catch (OutOfMemoryError e) {
        if (errors < caught.length) caught[errors++] = e;
      }
      for (int i = 0; i < 5; i++) {
        atTheEdge(room);
        try {
          new Item();
          atEdge++;
        } catch (OutOfMemoryError e) {
          if (errors < caught.length) caught[errors++] = e;
        }
      }
      room *= 4;
    }
    ballast = null;
    for (int i = 0; i < errors; i++) {
      if (cameFromTheAgent(caught[i])) fromAgent++;
      else own++;
    }
    Properties p = new Properties();
    p.setProperty("fromAgent", Integer.toString(fromAgent));
    p.setProperty("own", Integer.toString(own));
    p.setProperty("atEdge", Integer.toString(atEdge));
    System.out.println("READY");
    while (true) {
      p.setProperty("heartbeat", Long.toString(System.nanoTime()));
      p.setProperty("value", Integer.toString(new Item().value));
      p.setProperty("value5", Integer.toString(new Item5().value));
      p.setProperty("failedBindings", Long.toString(failedBindings()));
      HostState.write(p, state);
      Thread.sleep(20);
    }
  }

  /** Fills the heap to its last gap, then gives back {@code nodes} nodes' room. */
  private static void atTheEdge(int nodes) {
    try {
      while (true) {
        Node n = new Node();
        n.next = ballast;
        ballast = n;
      }
    } catch (OutOfMemoryError e) {
      // full
    }
    for (int i = 0; i < nodes && ballast != null; i++) ballast = ballast.next;
  }

  private static boolean cameFromTheAgent(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.hotconf.agent")) return true;
    }
    return false;
  }

  /** What the agent's MBean says of bindings that failed; -1 until it is registered. */
  private static long failedBindings() {
    try {
      Object status =
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(new ObjectName("dev.hotconf:type=Reloader"), "Status");
      return (Long) ((CompositeData) status).get("failedBindings");
    } catch (Exception e) {
      return -1;
    }
  }
}
