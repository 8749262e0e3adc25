package dev.hotconf.agent.internal.ops;

import java.util.List;
import javax.management.ConstructorParameters;

/** One leaf key of the active configuration, for {@code config}. */
public final class ConfigEntryView {
  private final String key;
  private final String value;
  private final String origin;
  private final List<String> fields;

  /** As a JMX client rebuilds it. */
  @ConstructorParameters({"key", "value", "origin", "fields"})
  public ConfigEntryView(String key, String value, String origin, List<String> fields) {
    this.key = key;
    this.value = value;
    this.origin = origin;
    this.fields = List.copyOf(fields);
  }

  public String getKey() {
    return key;
  }

  /** The value as written (a list in canonical form), or {@code ****} for a secret. */
  public String getValue() {
    return value;
  }

  /** {@code file: line}. */
  public String getOrigin() {
    return origin;
  }

  /** The fields it feeds, {@code Class.field}; empty when nothing binds it. */
  public List<String> getFields() {
    return fields;
  }
}
