package dev.hotconf.agent.internal.load;

import java.util.ArrayList;
import java.util.List;

/** Dot-separated configuration paths, split without a regular expression. */
public final class Paths {
  private Paths() {}

  /**
   * {@code a.b.c} → {@code [a, b, c]}; empty segments are kept ({@code a..b} → {@code [a, , b]}).
   */
  public static List<String> split(String path) {
    List<String> out = new ArrayList<>(4);
    int start = 0;
    while (true) {
      int dot = path.indexOf('.', start);
      if (dot < 0) {
        out.add(path.substring(start));
        return out;
      }
      out.add(path.substring(start, dot));
      start = dot + 1;
    }
  }

  /** {@code prefix.key}, or {@code key} at the top. */
  public static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }
}
