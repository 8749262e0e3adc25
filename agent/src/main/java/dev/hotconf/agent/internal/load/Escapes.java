package dev.hotconf.agent.internal.load;

/**
 * The backslash escapes JSON and {@code .properties} share: {@code \t \n \r \f} and {@code
 * \\uXXXX}.
 */
final class Escapes {
  private Escapes() {}

  /** {@link #append}: the text ends right after the backslash. */
  static final int END = -1;

  /** {@link #append}: an escape of the reader's own, left to it. */
  static final int OTHER = -2;

  /** {@link #append}: {@code \\u} without four hex digits after it. */
  static final int BAD_UNICODE = -3;

  /**
   * Appends what a shared escape stands for.
   *
   * @param at the index right after the backslash
   * @return the index after the escape, or {@link #END}, {@link #OTHER} or {@link #BAD_UNICODE}
   */
  static int append(String text, int at, StringBuilder out) {
    if (at >= text.length()) return END;
    switch (text.charAt(at)) {
      case 't':
        out.append('\t');
        return at + 1;
      case 'n':
        out.append('\n');
        return at + 1;
      case 'r':
        out.append('\r');
        return at + 1;
      case 'f':
        out.append('\f');
        return at + 1;
      case 'u':
        int code = unicode(text, at + 1);
        if (code < 0) return BAD_UNICODE;
        out.append((char) code);
        return at + 5;
      default:
        return OTHER;
    }
  }

  /** The character of the four hex digits at {@code at} (after {@code \\u}), or -1. */
  private static int unicode(String text, int at) {
    if (at + 4 > text.length()) return -1;
    int code = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(text.charAt(i), 16);
      if (digit < 0) return -1;
      code = code * 16 + digit;
    }
    return code;
  }
}
