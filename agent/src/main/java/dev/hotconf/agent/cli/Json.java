package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.load.Canonical;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON the command line prints: one object per command, written as it is built. Strings are
 * escaped as the canonical configuration rendering escapes them; times are ISO-8601 in UTC with
 * milliseconds.
 */
final class Json {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  Json begin() {
    separate();
    out.append('{');
    first = true;
    return this;
  }

  Json end() {
    out.append('}');
    first = false;
    return this;
  }

  Json beginArray() {
    separate();
    out.append('[');
    first = true;
    return this;
  }

  Json endArray() {
    out.append(']');
    first = false;
    return this;
  }

  /** The next member's name; its value follows. */
  Json key(String name) {
    separate();
    Canonical.string(name, out);
    out.append(": ");
    first = true; // the value is not separated from its name
    return this;
  }

  Json value(String text) {
    separate();
    if (text == null) out.append("null");
    else Canonical.string(text, out);
    return this;
  }

  Json value(long number) {
    separate();
    out.append(number);
    return this;
  }

  Json value(double number) {
    separate();
    out.append(number);
    return this;
  }

  Json value(boolean flag) {
    separate();
    out.append(flag);
    return this;
  }

  /** Epoch milliseconds as an ISO-8601 time; {@code null} for 0 (never). */
  Json time(long epochMillis) {
    return value(epochMillis == 0 ? null : TIME.format(Instant.ofEpochMilli(epochMillis)));
  }

  Json strings(List<String> texts) {
    beginArray();
    for (String t : texts) value(t);
    return endArray();
  }

  Json member(String name, String text) {
    return key(name).value(text);
  }

  Json member(String name, long number) {
    return key(name).value(number);
  }

  private void separate() {
    if (!first) out.append(", ");
    first = false;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
