package dev.hotconf.agent.internal.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The canonical rendering of a configuration and its hash, the configuration's identity across a
 * fleet: JSON without insignificant whitespace, object keys sorted by code point, every scalar as a
 * JSON string holding the text the user wrote, lists in order, keys set to null left out. Comments,
 * formatting, key order and the file format therefore do not change it; any value does.
 */
public final class Canonical {
  /** The prefix of every configuration hash. */
  public static final String PREFIX = "sha256:";

  /** How many hex digits of the hash a log line shows. */
  public static final int SHORT_DIGITS = 12;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Sorts keys by code point; a class rather than a lambda, which would cost start-up time. */
  private static final Comparator<String> BY_CODE_POINT =
      new Comparator<String>() {
        @Override
        public int compare(String a, String b) {
          return compareCodePoints(a, b);
        }
      };

  private Canonical() {}

  /** Appends the canonical rendering of {@code node} to {@code out}. */
  static void render(Node node, StringBuilder out) {
    switch (node.kind()) {
      case NULL:
        out.append("null");
        return;
      case SCALAR:
        string(((Node.Scalar) node).text(), out);
        return;
      case SEQUENCE:
        out.append('[');
        List<Node> items = ((Node.Sequence) node).items();
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) out.append(',');
          render(items.get(i), out);
        }
        out.append(']');
        return;
      case MAPPING:
        Map<String, Node> entries = ((Node.Mapping) node).entries();
        List<String> keys = new ArrayList<>(entries.size());
        for (Map.Entry<String, Node> e : entries.entrySet()) {
          if (!e.getValue().isNull()) keys.add(e.getKey());
        }
        keys.sort(BY_CODE_POINT);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) out.append(',');
          string(keys.get(i), out);
          out.append(':');
          render(entries.get(keys.get(i)), out);
        }
        out.append('}');
        return;
      default:
        throw new AssertionError(node.kind());
    }
  }

  /**
   * Appends {@code text} as a JSON string: {@code "} and {@code \} escaped, control characters as
   * {@code \n}, {@code \t}… or a six-character unicode escape; everything else as it is.
   */
  public static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  /** Orders strings by Unicode code point (not by UTF-16 unit, which differs above U+FFFF). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** The configuration hash of {@code root}: {@code sha256:} and 64 lowercase hex digits. */
  static String hash(Node.Mapping root) {
    StringBuilder out = new StringBuilder(4096);
    render(root, out);
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256")
              .digest(out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    char[] hex = new char[PREFIX.length() + 64];
    PREFIX.getChars(0, PREFIX.length(), hex, 0);
    for (int i = 0; i < digest.length; i++) {
      hex[PREFIX.length() + 2 * i] = HEX[(digest[i] >> 4) & 0xF];
      hex[PREFIX.length() + 2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(hex);
  }

  /** {@code sha256:0123456789ab}: the hash as log lines show it. */
  public static String shorten(String hash) {
    if (hash == null) return "none";
    int end = PREFIX.length() + SHORT_DIGITS;
    return hash.length() > end ? hash.substring(0, end) : hash;
  }

  /** Whether {@code text} is a well-formed configuration hash. */
  public static boolean isHash(String text) {
    if (text == null || text.length() != PREFIX.length() + 64 || !text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
    }
    return true;
  }
}
