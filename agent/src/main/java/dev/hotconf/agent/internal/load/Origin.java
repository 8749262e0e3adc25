package dev.hotconf.agent.internal.load;

/** Where a value was read: a file as the user named it and, where known, a line. */
public final class Origin {
  private final String file;
  private final int line;

  public Origin(String file, int line) {
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the source does not tell. */
  public int line() {
    return line;
  }

  /** {@code file: line}, the prefix of every message about this value. */
  @Override
  public String toString() {
    return line > 0 ? file + ": " + line : file;
  }
}
