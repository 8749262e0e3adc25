package dev.hotconf.agent.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations and sizes as users write them, in configuration values and agent options alike: {@code
 * 250ms}, {@code 10s}, {@code 1.5h}, {@code 2 days}, ISO-8601 {@code PT10S}; {@code 512k}, {@code
 * 16m}, {@code 1g}, {@code 100000}. Written without regular expressions: agent options are parsed
 * in {@code premain}.
 */
public final class Quantities {
  private Quantities() {}

  /** {@code 250ms}, {@code 10s}, {@code 1.5h}, {@code 2 days}, or ISO-8601 {@code PT10S}. */
  public static Duration duration(String t) {
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("use an ISO-8601 duration such as PT10S");
      }
    }
    // digits, an optional fraction, optional blanks, a unit of letters: "1.5h", "10 seconds"
    int i = 0;
    while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') i++;
    int integerEnd = i;
    if (i < t.length() && t.charAt(i) == '.') {
      i++;
      while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') i++;
    }
    int numberEnd = i;
    while (i < t.length() && Character.isWhitespace(t.charAt(i))) i++;
    int unitStart = i;
    while (i < t.length() && (Character.isLetter(t.charAt(i)))) i++;
    if (integerEnd == 0 || numberEnd == integerEnd + 1 || unitStart == i || i != t.length()) {
      throw new IllegalArgumentException("use a number and a unit, e.g. 250ms, 10s, 5m, 1h, 2d");
    }
    long nanosPerUnit = unitNanos(t.substring(unitStart).toLowerCase(Locale.ROOT));
    if (numberEnd == integerEnd && integerEnd <= 12) {
      // the common case, without BigDecimal (which would cost premain its class loading)
      long n = Long.parseLong(t.substring(0, integerEnd));
      if (n <= Long.MAX_VALUE / nanosPerUnit) return Duration.ofNanos(n * nanosPerUnit);
    }
    BigInteger nanos =
        new BigDecimal(t.substring(0, numberEnd))
            .multiply(BigDecimal.valueOf(nanosPerUnit))
            .toBigInteger();
    BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
  }

  private static long unitNanos(String unit) {
    switch (unit) {
      case "ns":
      case "nano":
      case "nanos":
      case "nanosecond":
      case "nanoseconds":
        return 1L;
      case "us":
      case "µs":
      case "micro":
      case "micros":
      case "microsecond":
      case "microseconds":
        return 1_000L;
      case "ms":
      case "milli":
      case "millis":
      case "millisecond":
      case "milliseconds":
        return 1_000_000L;
      case "s":
      case "sec":
      case "secs":
      case "second":
      case "seconds":
        return 1_000_000_000L;
      case "m":
      case "min":
      case "mins":
      case "minute":
      case "minutes":
        return 60_000_000_000L;
      case "h":
      case "hour":
      case "hours":
        return 3_600_000_000_000L;
      case "d":
      case "day":
      case "days":
        return 86_400_000_000_000L;
      default:
        throw new IllegalArgumentException(
            "unknown unit '" + unit + "'; use ns, us, ms, s, m, h or d");
    }
  }

  /**
   * {@code 16m}, {@code 512k}, {@code 1g}, {@code 100000}: bytes, with binary units ({@code kb},
   * {@code mb}, {@code gb} too), case-insensitive.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static long bytes(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k') unit = 1024;
    if (last == 'm') unit = 1024 * 1024;
    if (last == 'g') unit = 1024L * 1024 * 1024;
    String digits = unit > 1 ? t.substring(0, t.length() - 1).trim() : t;
    try {
      long n = Long.parseLong(digits);
      if (n >= 0) return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new IllegalArgumentException("use a size such as 16m, 512k or 100000");
  }
}
