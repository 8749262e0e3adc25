package dev.hotconf.agent.internal;

import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent options: {@code config=PATH[,config=PATH...][,signals=HUP:USR1][,on-error=exit|warn]
 * [,watch=false][,pidfile=PATH][,verbose=false][,jmx=true]}. Every mistake is reported with the
 * option's name and the accepted values.
 */
public final class Options {
  /** What start-up does with a configuration that cannot be read. */
  public enum OnError {
    /** Stop the JVM with one message, like nginx refusing a bad configuration. */
    EXIT,
    /** Log the problems and start with every field at its default. */
    WARN
  }

  static final List<String> SIGNALS = List.of("HUP", "USR1");
  private static final String ACCEPTED = "config, signals, on-error, watch, pidfile, verbose, jmx";

  private final List<ConfigFile> files;
  private final List<String> signals;
  private final OnError onError;
  private final boolean watch;
  private final Path pidfile;
  private final boolean verbose;
  private final boolean jmx;
  private final Limits limits;
  private final Duration callbackTimeout;

  private Options(
      List<ConfigFile> files,
      List<String> signals,
      OnError onError,
      boolean watch,
      Path pidfile,
      boolean verbose,
      boolean jmx,
      Limits limits,
      Duration callbackTimeout) {
    this.files = List.copyOf(files);
    this.signals = List.copyOf(signals);
    this.onError = onError;
    this.watch = watch;
    this.pidfile = pidfile;
    this.verbose = verbose;
    this.jmx = jmx;
    this.limits = limits;
    this.callbackTimeout = callbackTimeout;
  }

  /**
   * Parses the agent's argument string.
   *
   * @throws IllegalArgumentException naming the option at fault and what it accepts
   */
  public static Options parse(String args) {
    List<ConfigFile> files = new ArrayList<>();
    List<String> signals = null;
    OnError onError = null;
    Map<String, Boolean> flags = new HashMap<>();
    Path pidfile = null;
    Map<String, String> once = new HashMap<>();
    for (String option : args == null || args.isBlank() ? new String[0] : args.split(",", -1)) {
      option = option.strip();
      int eq = option.indexOf('=');
      if (option.isEmpty()) {
        throw new IllegalArgumentException("empty agent option (two commas in a row?)");
      }
      if (eq < 0) {
        throw new IllegalArgumentException(
            "agent option '"
                + option
                + "' has no value; write NAME=VALUE with NAME one of "
                + ACCEPTED);
      }
      String name = option.substring(0, eq).strip();
      String value = option.substring(eq + 1).strip();
      switch (name) {
        case "config":
          if (value.isEmpty()) throw new IllegalArgumentException("config= needs a file path");
          try {
            files.add(ConfigFile.of(value));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config=" + value + ": " + e.getMessage());
          }
          break;
        case "signals":
          if (signals != null) throw new IllegalArgumentException("signals= is given twice");
          signals = signals(value);
          break;
        case "on-error":
          if (onError != null) throw new IllegalArgumentException("on-error= is given twice");
          onError = onError(value);
          break;
        case "includes":
        case "max-file-size":
        case "parse-timeout":
        case "callback-timeout":
          if (once.put(name, value) != null) {
            throw new IllegalArgumentException(name + "= is given twice");
          }
          break;
        case "watch":
        case "verbose":
        case "jmx":
        case "strict":
          if (flags.put(name, bool(name, value)) != null) {
            throw new IllegalArgumentException(name + "= is given twice");
          }
          break;
        case "pidfile":
          if (pidfile != null) throw new IllegalArgumentException("pidfile= is given twice");
          if (value.isEmpty()) throw new IllegalArgumentException("pidfile= needs a file path");
          pidfile = Path.of(value).toAbsolutePath().normalize();
          break;
        default:
          throw new IllegalArgumentException(
              "unknown agent option '" + name + "'; accepted options: " + ACCEPTED);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no configuration file: add config=PATH to the agent options, e.g."
              + " -javaagent:hotconf-agent.jar=config=app.yaml");
    }
    return new Options(
        files,
        signals == null ? SIGNALS : signals,
        onError == null ? OnError.EXIT : onError,
        flags.getOrDefault("watch", false),
        pidfile,
        flags.getOrDefault("verbose", false),
        flags.getOrDefault("jmx", true),
        new Limits(
            once.containsKey("max-file-size")
                ? bytes(once.get("max-file-size"))
                : Limits.DEFAULT_MAX_BYTES,
            once.containsKey("parse-timeout")
                ? duration("parse-timeout", once.get("parse-timeout"))
                : Limits.DEFAULT_PARSE_TIMEOUT,
            once.containsKey("includes") ? includes(once.get("includes")) : Limits.Includes.LOCAL,
            flags.getOrDefault("strict", false)),
        once.containsKey("callback-timeout")
            ? duration("callback-timeout", once.get("callback-timeout"))
            : Duration.ofSeconds(10));
  }

  /** {@code 16m}, {@code 512k}, {@code 1000}: bytes, with binary units. */
  private static long bytes(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    long unit = 1;
    if (v.endsWith("k")) unit = 1024;
    if (v.endsWith("m")) unit = 1024 * 1024;
    if (v.endsWith("g")) unit = 1024L * 1024 * 1024;
    if (unit > 1) v = v.substring(0, v.length() - 1);
    try {
      long n = Long.parseLong(v);
      if (n > 0) return n * unit;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "max-file-size=" + value + ": use a positive size such as 16m, 512k or 100000");
  }

  /** {@code 10s}, {@code 500ms}. */
  private static Duration duration(String name, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms"))
        return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
      if (v.endsWith("s"))
        return positive(Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1))));
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + "=" + value + ": use a positive duration such as 10s or 500ms");
  }

  private static Duration positive(Duration d) {
    if (d.isNegative() || d.isZero()) throw new NumberFormatException();
    return d;
  }

  private static Limits.Includes includes(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "local":
        return Limits.Includes.LOCAL;
      case "files":
        return Limits.Includes.FILES;
      case "all":
        return Limits.Includes.ALL;
      default:
        throw new IllegalArgumentException(
            "includes="
                + value
                + ": accepted values are local (the default: files beside the configuration),"
                + " files and all (also classpath and url includes)");
    }
  }

  private static boolean bool(String name, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            name + "=" + value + ": accepted values are true and false");
    }
  }

  private static List<String> signals(String value) {
    if (value.equalsIgnoreCase("none")) return List.of();
    Set<String> out = new LinkedHashSet<>();
    for (String raw : value.split(":", -1)) {
      String s = raw.strip().toUpperCase(Locale.ROOT);
      if (s.startsWith("SIG")) s = s.substring(3);
      if (s.equals("USR2")) {
        throw new IllegalArgumentException(
            "signals=" + value + ": USR2 belongs to the JVM itself; accepted: HUP, USR1 or none");
      }
      if (!SIGNALS.contains(s)) {
        throw new IllegalArgumentException(
            "signals="
                + value
                + ": '"
                + raw
                + "' is not a reload signal; accepted: HUP, USR1"
                + " (separated by ':') or none");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  private static OnError onError(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "exit":
        return OnError.EXIT;
      case "warn":
        return OnError.WARN;
      default:
        throw new IllegalArgumentException(
            "on-error=" + value + ": accepted values are exit (the default) and warn");
    }
  }

  /** The configuration files in the order given: later ones override earlier ones. */
  public List<ConfigFile> files() {
    return files;
  }

  /** The reload signals, without {@code SIG}: {@code HUP}, {@code USR1}. */
  public List<String> signals() {
    return signals;
  }

  public OnError onError() {
    return onError;
  }

  /** Whether a change to a configuration file triggers a reload by itself. */
  public boolean watch() {
    return watch;
  }

  /** Where to write the process id once the agent is ready, or {@code null}. */
  public Path pidfile() {
    return pidfile;
  }

  /** Whether the applied line also shows old → new values (secrets masked). */
  public boolean verbose() {
    return verbose;
  }

  /** What the loader accepts: sizes, parse time, includes, file permissions. */
  public Limits limits() {
    return limits;
  }

  /** How long a reload waits for its callbacks before it warns and goes on. */
  public Duration callbackTimeout() {
    return callbackTimeout;
  }

  /** Whether to register the {@code dev.hotconf:type=Reloader} MBean. */
  public boolean jmx() {
    return jmx;
  }
}
