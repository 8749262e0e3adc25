package dev.hotconf.agent.internal.load;

/**
 * The backslash escapes JSON and {@code .properties} share: {@code \t \n \r \f} and {@code
 * \\uXXXX}.
 */
final class Escapes {
  private Escapes() {}

  /** The character {@code \t}, {@code \n}, {@code \r} or {@code \f} stand for, or -1. */
  static int letter(char escaped) {
    switch (escaped) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return -1;
    }
  }

  /** The character of the four hex digits at {@code at} (after {@code \\u}), or -1. */
  static int unicode(String text, int at) {
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
