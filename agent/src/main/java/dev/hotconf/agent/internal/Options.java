package dev.hotconf.agent.internal;

import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent options, {@code -javaagent:hotconf-agent.jar=NAME=VALUE,NAME=VALUE...}. Each option is
 * declared once, in {@link Option}, with its key, the values it takes, its default and what it
 * means: parsing, the repeated-option check, the list in an "unknown option" message and the
 * README's table all come from there. Parsed in {@code premain}, so written with nothing that costs
 * start-up time (no regular expression, no lambda).
 */
public final class Options {
  /** Every agent option. */
  public enum Option {
    CONFIG(
        "config",
        "a file path",
        null,
        "A configuration file. Repeat it to layer files: later files override earlier ones key by"
            + " key. Relative paths are resolved against the working directory at start."),
    SIGNALS(
        "signals",
        "`HUP`, `USR1`, both (`HUP:USR1`) or `none`",
        "HUP:USR1",
        "The reload signals, `:`-separated; `none` for no signal. Only `HUP` and `USR1` are"
            + " accepted: `USR2` belongs to the JVM and `QUIT` prints thread dumps."),
    ON_ERROR(
        "on-error",
        "`exit` or `warn`",
        "exit",
        "What start-up does when the configuration cannot be read or parsed: `exit` stops the JVM"
            + " with one message naming file, line and problem (as `nginx` refuses a bad"
            + " configuration), before any annotated class finishes initializing; `warn` logs the"
            + " problem and starts with every field at its default, so that a later reload with a"
            + " fixed file applies."),
    WATCH(
        "watch",
        "`true` or `false`",
        "false",
        "Reload when a configuration file's content changes (cause `file-watch`), once writes have"
            + " settled. Follows editors that write a temporary file and rename it, and Kubernetes"
            + " ConfigMap volumes (the `..data` symlink swap); a burst of writes makes one reload;"
            + " a rejected file is retried on its next change."),
    PIDFILE(
        "pidfile",
        "a file path",
        null,
        "Write the process id to `PATH` once the first configuration is applied; removed when the"
            + " JVM exits."),
    VERBOSE(
        "verbose",
        "`true` or `false`",
        "false",
        "The applied line also shows `key: old → new` for each changed key (secrets as `****`)."),
    JMX(
        "jmx",
        "`true` or `false`",
        "true",
        "Register the `dev.hotconf:type=Reloader` MBean (which `status`, `reload`, `check --pid`"
            + " and `config` use) once the JVM's MBean server exists."),
    STRICT(
        "strict",
        "`true` or `false`",
        "false",
        "Refuse a configuration file that others can write or that is owned by a user other than"
            + " this process's or root (without it: a warning at every load)."),
    INCLUDES(
        "includes",
        "`local`, `files` or `all`",
        "local",
        "Where HOCON `include` may reach: `local`, files in the configuration's directory or"
            + " below; `files`, any file; `all`, also `classpath(...)` and `url(...)`."),
    MAX_FILE_SIZE(
        "max-file-size",
        "a size: `16m`, `512k`, `100000`",
        "16m",
        "A larger file (or anything that is not a regular file) is refused before it is parsed;"
            + " no read goes further (`k`, `m`, `g` suffixes)."),
    PARSE_TIMEOUT(
        "parse-timeout",
        "a duration: `10s`, `500ms`, `1m`",
        "10s",
        "A reload whose reading and parsing take longer is rejected (a substitution or alias bomb,"
            + " a file that blocks); the next reload is not held up by it."),
    CALLBACK_TIMEOUT(
        "callback-timeout",
        "a duration: `10s`, `500ms`, `1m`",
        "10s",
        "How long a reload waits for its `@OnReload` methods before it warns and goes on.");

    /** The name in the agent's argument string. */
    public final String key;

    /** The values it takes, for the README and messages (Markdown code spans). */
    public final String values;

    /** The default, as it would be written; {@code null} when there is none. */
    public final String defaultValue;

    /** What the option does, in the README's words. */
    public final String description;

    Option(String key, String values, String defaultValue, String description) {
      this.key = key;
      this.values = values;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    /** Only {@code config} may be given more than once. */
    public boolean repeatable() {
      return this == CONFIG;
    }

    static Option byKey(String key) {
      for (Option o : values()) {
        if (o.key.equals(key)) return o;
      }
      return null;
    }
  }

  /** What start-up does with a configuration that cannot be read. */
  public enum OnError {
    /** Stop the JVM with one message, like nginx refusing a bad configuration. */
    EXIT,
    /** Log the problems and start with every field at its default. */
    WARN
  }

  /** The reload signals hotconf accepts, without {@code SIG}. */
  static final List<String> SIGNALS = List.of("HUP", "USR1");

  /** The configuration files as given; made into {@link ConfigFile}s off the premain path. */
  private final List<String> files;

  private final Map<Option, Object> values;

  private Options(List<String> files, Map<Option, Object> values) {
    this.files = List.copyOf(files);
    this.values = values;
  }

  /** Every option's key, as the "unknown option" message lists them. */
  public static String keys() {
    StringBuilder out = new StringBuilder();
    for (Option o : Option.values()) {
      if (out.length() > 0) out.append(", ");
      out.append(o.key);
    }
    return out.toString();
  }

  /**
   * Parses the agent's argument string.
   *
   * @throws IllegalArgumentException naming the option at fault and what it accepts
   */
  public static Options parse(String args) {
    List<String> files = new ArrayList<>();
    Map<Option, Object> values = new EnumMap<>(Option.class);
    String text = args == null ? "" : args.strip();
    int start = 0;
    while (!text.isEmpty() && start <= text.length()) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      accept(text.substring(start, end).strip(), files, values);
      start = end + 1;
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no configuration file: add config=PATH to the agent options, e.g."
              + " -javaagent:hotconf-agent.jar=config=app.yaml");
    }
    return new Options(files, values);
  }

  private static void accept(String option, List<String> files, Map<Option, Object> values) {
    if (option.isEmpty()) {
      throw new IllegalArgumentException("empty agent option (two commas in a row?)");
    }
    int eq = option.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException(
          "agent option '"
              + option
              + "' has no value; write NAME=VALUE with NAME one of "
              + keys());
    }
    String key = option.substring(0, eq).strip();
    String text = option.substring(eq + 1).strip();
    Option o = Option.byKey(key);
    if (o == null) {
      throw new IllegalArgumentException(
          "unknown agent option '" + key + "'; accepted options: " + keys());
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(key + "= needs a value: " + o.values.replace("`", ""));
    }
    if (o == Option.CONFIG) {
      try {
        ConfigFile.Format.of(text); // its extension must name a format
        files.add(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("config=" + text + ": " + e.getMessage());
      }
      return;
    }
    if (values.put(o, value(o, text)) != null) {
      throw new IllegalArgumentException(key + "= is given twice");
    }
  }

  /** The parsed value of one option: what each kind of value accepts. */
  private static Object value(Option o, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    // On the key rather than the constant: a switch on an enum costs a synthetic class in premain.
    switch (o.key) {
      case "signals":
        return signals(text);
      case "on-error":
        if (lower.equals("exit")) return OnError.EXIT;
        if (lower.equals("warn")) return OnError.WARN;
        throw invalid(o, text, "accepted values are exit (the default) and warn");
      case "watch":
      case "verbose":
      case "jmx":
      case "strict":
        if (lower.equals("true")) return Boolean.TRUE;
        if (lower.equals("false")) return Boolean.FALSE;
        throw invalid(o, text, "accepted values are true and false");
      case "pidfile":
        return Path.of(text).toAbsolutePath().normalize();
      case "includes":
        if (lower.equals("local")) return Limits.Includes.LOCAL;
        if (lower.equals("files")) return Limits.Includes.FILES;
        if (lower.equals("all")) return Limits.Includes.ALL;
        throw invalid(
            o,
            text,
            "accepted values are local (the default: files beside the configuration), files and"
                + " all (also classpath and url includes)");
      case "max-file-size":
        try {
          long bytes = Quantities.bytes(text);
          if (bytes > 0) return bytes;
        } catch (IllegalArgumentException e) {
          // reported below
        }
        throw invalid(o, text, "use a positive size such as 16m, 512k or 100000");
      case "parse-timeout":
      case "callback-timeout":
        try {
          Duration d = Quantities.duration(text);
          if (!d.isNegative() && !d.isZero()) return d;
        } catch (IllegalArgumentException | ArithmeticException e) {
          // reported below
        }
        throw invalid(o, text, "use a positive duration such as 10s, 500ms or 1m");
      default:
        throw new AssertionError(o);
    }
  }

  private static IllegalArgumentException invalid(Option o, String text, String accepted) {
    return new IllegalArgumentException(o.key + "=" + text + ": " + accepted);
  }

  private static List<String> signals(String value) {
    if (value.equalsIgnoreCase("none")) return List.of();
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= value.length()) {
      int colon = value.indexOf(':', start);
      int end = colon < 0 ? value.length() : colon;
      String raw = value.substring(start, end);
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
                + "' is not a reload signal; accepted: HUP, USR1 (separated by ':') or none");
      }
      if (!out.contains(s)) out.add(s);
      start = end + 1;
    }
    return List.copyOf(out);
  }

  /** The options as the README's table shows them, one row each. */
  public static String markdownTable() {
    StringBuilder out =
        new StringBuilder("| option | takes | default | meaning |\n|---|---|---|---|\n");
    for (Option o : Option.values()) {
      out.append("| `")
          .append(o.key)
          .append("` | ")
          .append(o.values)
          .append(" | ")
          .append(
              o.defaultValue == null
                  ? (o.repeatable() ? "— (required; repeatable)" : "none")
                  : "`" + o.defaultValue + "`")
          .append(" | ")
          .append(o.description)
          .append(" |\n");
    }
    return out.toString();
  }

  /** The configuration files in the order given: later ones override earlier ones. */
  public List<ConfigFile> files() {
    List<ConfigFile> out = new ArrayList<>(files.size());
    for (String name : files) out.add(ConfigFile.of(name));
    return out;
  }

  /**
   * The value given, or the option's default, parsed from its declared text when first asked: the
   * defaults' types load on the start thread, not in premain.
   */
  private Object get(Option o) {
    Object v = values.get(o);
    if (v == null && o.defaultValue != null) v = value(o, o.defaultValue);
    return v;
  }

  /** The reload signals, without {@code SIG}: {@code HUP}, {@code USR1}. */
  @SuppressWarnings("unchecked")
  public List<String> signals() {
    return (List<String>) get(Option.SIGNALS);
  }

  public OnError onError() {
    return (OnError) get(Option.ON_ERROR);
  }

  /** Whether a change to a configuration file triggers a reload by itself. */
  public boolean watch() {
    return (Boolean) get(Option.WATCH);
  }

  /** Where to write the process id once the agent is ready, or {@code null}. */
  public Path pidfile() {
    return (Path) get(Option.PIDFILE);
  }

  /** Whether the applied line also shows old → new values (secrets masked). */
  public boolean verbose() {
    return (Boolean) get(Option.VERBOSE);
  }

  /** Whether to register the {@code dev.hotconf:type=Reloader} MBean. */
  public boolean jmx() {
    return (Boolean) get(Option.JMX);
  }

  /** What the loader accepts: sizes, parse time, includes, file permissions. */
  public Limits limits() {
    return new Limits(
        (Long) get(Option.MAX_FILE_SIZE),
        (Duration) get(Option.PARSE_TIMEOUT),
        (Limits.Includes) get(Option.INCLUDES),
        (Boolean) get(Option.STRICT));
  }

  /** How long a reload waits for its callbacks before it warns and goes on. */
  public Duration callbackTimeout() {
    return (Duration) get(Option.CALLBACK_TIMEOUT);
  }
}
