package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Origin;

/** A value that does not convert to its field's type; the message says what was expected. */
final class ConversionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Origin origin;

  ConversionException(Origin origin, String message) {
    super(message, null, false, false);
    this.origin = origin;
  }

  /** Where the offending value was written: for an element of a list, the element's own line. */
  Origin origin() {
    return origin;
  }
}
