package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Origin;

/** A value that does not convert to its field's type; the message says what was expected. */
final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Origin origin;
  private final String subPath;

  ConversionException(Origin origin, String message) {
    this(origin, "", message);
  }

  private ConversionException(Origin origin, String subPath, String message) {
    super(message, null, false, false);
    this.origin = origin;
    this.subPath = subPath;
  }

  /** Where the offending value was written: for an element of a list, the element's own line. */
  Origin origin() {
    return origin;
  }

  /** The key below the binding's path that holds the offending value, e.g. {@code .pool.size}. */
  String subPath() {
    return subPath;
  }

  /** This problem, found under {@code key} of a mapping. */
  ConversionException under(String key) {
    return new ConversionException(origin, "." + key + subPath, getMessage());
  }

  /** This problem, found in element {@code index} of a list. */
  ConversionException at(int index) {
    return new ConversionException(origin, "[" + index + "]" + subPath, getMessage());
  }
}
