package dev.hotconf.agent.internal.load;

import java.time.Duration;

/**
 * What the loader accepts from configuration files, which are untrusted input: their size, how long
 * parsing may take, where HOCON includes may reach, and whether loose file permissions are refused
 * or only warned about.
 */
public final class Limits {
  /** Where a HOCON {@code include} may reach. */
  public enum Includes {
    /** Files in the including file's directory or below it (the default). */
    LOCAL,
    /** Any file. */
    FILES,
    /** Files, {@code classpath(...)} resources and {@code url(...)}. */
    ALL
  }

  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(10);
  public static final Limits DEFAULTS =
      new Limits(DEFAULT_MAX_BYTES, DEFAULT_PARSE_TIMEOUT, Includes.LOCAL, false);

  final long maxBytes;
  final Duration parseTimeout;
  final Includes includes;
  final boolean strict;

  public Limits(long maxBytes, Duration parseTimeout, Includes includes, boolean strict) {
    this.maxBytes = maxBytes;
    this.parseTimeout = parseTimeout;
    this.includes = includes;
    this.strict = strict;
  }

  /** The largest file read, in bytes ({@code max-file-size}). */
  public long maxBytes() {
    return maxBytes;
  }

  /** How long reading and parsing may take ({@code parse-timeout}). */
  public Duration parseTimeout() {
    return parseTimeout;
  }

  /** Where HOCON includes may reach ({@code includes}). */
  public Includes includes() {
    return includes;
  }

  /** Whether loose permissions are refused ({@code strict}). */
  public boolean strict() {
    return strict;
  }

  /** The same limits with another include policy (the command line's {@code --includes}). */
  public Limits withIncludes(Includes policy) {
    return new Limits(maxBytes, parseTimeout, policy, strict);
  }
}
