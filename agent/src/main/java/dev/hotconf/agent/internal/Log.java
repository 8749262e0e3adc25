package dev.hotconf.agent.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The agent's one logger, {@code System.getLogger("dev.hotconf")}, looked up on first use rather
 * than in premain: an application may still choose its logging backend in {@code main}.
 */
public final class Log {
  private static volatile Logger logger;

  private Log() {}

  private static Logger logger() {
    Logger l = logger;
    if (l == null) logger = l = System.getLogger("dev.hotconf");
    return l;
  }

  public static void info(String message) {
    logger().log(Level.INFO, message);
  }

  public static void warn(String message) {
    logger().log(Level.WARNING, message);
  }

  /** A warning, with the stack trace of {@code cause} when it is not {@code null}. */
  public static void warn(String message, Throwable cause) {
    if (cause == null) logger().log(Level.WARNING, message);
    else logger().log(Level.WARNING, message, cause);
  }

  public static void error(String message) {
    logger().log(Level.ERROR, message);
  }

  public static void error(String message, Throwable cause) {
    logger().log(Level.ERROR, message, cause);
  }
}
