package dev.hotconf.agent.internal.ops;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.load.ConfigFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A configuration file mounted on its own — what a Kubernetes ConfigMap mounted with {@code
 * subPath} is — never sees the ConfigMap's updates (kubernetes#50345): kubelet swaps the files of
 * the volume's directory, and a single-file bind mount keeps pointing at the old one. At start, the
 * agent looks for the configured files among the mount points in {@code /proc/self/mountinfo} and
 * says how to mount them instead.
 */
public final class SingleFileMounts {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  /** mountinfo is small; a larger one is not read whole. */
  private static final int MAX_BYTES = 4 * 1024 * 1024;

  private SingleFileMounts() {}

  /** Logs one warning per configured file that is a mount point of its own. */
  public static void warnAbout(List<ConfigFile> files) {
    List<String> mountPoints;
    try {
      mountPoints = mountPoints();
    } catch (IOException | RuntimeException e) {
      return; // not Linux, or no /proc: nothing to tell
    }
    for (ConfigFile file : files) {
      if (isMountPoint(file.path(), mountPoints)) {
        Log.warn(
            file.name()
                + " is a mount point of its own (a single-file mount, as a Kubernetes ConfigMap"
                + " mounted with subPath makes): updates of the ConfigMap will never reach it"
                + " (kubernetes#50345); mount the ConfigMap's whole directory instead (a volume"
                + " mount without subPath) and point config= at the file in it");
      }
    }
  }

  static boolean isMountPoint(Path file, List<String> mountPoints) {
    List<String> candidates = new ArrayList<>();
    candidates.add(file.toAbsolutePath().normalize().toString());
    try {
      candidates.add(file.toRealPath().toString());
    } catch (IOException e) {
      // missing: its path as given
    }
    for (String candidate : candidates) {
      if (mountPoints.contains(candidate) && Files.isRegularFile(Path.of(candidate))) return true;
    }
    return false;
  }

  /** The mount points of this process's mount namespace. */
  static List<String> mountPoints() throws IOException {
    if (!Files.isRegularFile(MOUNTINFO)) return List.of();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(MOUNTINFO)) {
      bytes = in.readNBytes(MAX_BYTES); // a proc file says size 0: read it to its end, capped
    }
    return mountPoints(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The fifth field of each line of {@code mountinfo}, octal escapes ({@code \040} for a space)
   * decoded.
   */
  static List<String> mountPoints(String mountinfo) {
    List<String> out = new ArrayList<>();
    for (String line : mountinfo.split("\n", -1)) {
      int field = 0;
      int start = 0;
      for (int i = 0; i <= line.length() && field < 5; i++) {
        if (i == line.length() || line.charAt(i) == ' ') {
          if (field == 4) out.add(unescape(line.substring(start, i)));
          field++;
          start = i + 1;
        }
      }
    }
    return out;
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        try {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
