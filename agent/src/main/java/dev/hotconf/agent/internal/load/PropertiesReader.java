package dev.hotconf.agent.internal.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Java {@code .properties} text into {@link Node}s, with the line of every key: the syntax of
 * {@link java.util.Properties#load(java.io.Reader)} (comments with {@code #} or {@code !}, {@code
 * =}, {@code :} or white space between key and value, {@code \} continuations and escapes), keys
 * split at dots into paths as HOCON does. A later line for the same key wins, as in {@code
 * Properties}. Where a key is both a value and a parent ({@code a=1} and {@code a.b=2}), the
 * mapping wins, as in typesafe-config.
 */
final class PropertiesReader {
  private final String file;
  private final String text;
  private int at;
  private int line = 1;

  private PropertiesReader(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static Node.Mapping read(String file, String text) throws LoadException {
    return new PropertiesReader(file, text).read();
  }

  private Node.Mapping read() throws LoadException {
    Map<String, Node.Scalar> values = new LinkedHashMap<>();
    int count = 0;
    while (at < text.length()) {
      skipBlanks();
      if (at >= text.length()) break;
      char c = text.charAt(at);
      if (c == '\n' || c == '\r') {
        newline();
        continue;
      }
      if (c == '#' || c == '!') {
        while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') at++;
        continue;
      }
      int keyLine = line;
      String key = token(true);
      skipBlanks();
      if (at < text.length() && (text.charAt(at) == '=' || text.charAt(at) == ':')) {
        at++;
        skipBlanks();
      }
      String value = token(false);
      if (++count > YamlReader.MAX_NODES) {
        throw LoadException.at(
            new Origin(file, keyLine), "more than " + YamlReader.MAX_NODES + " keys");
      }
      values.remove(key); // a later line wins, and keeps its own position
      values.put(key, new Node.Scalar(value, new Origin(file, keyLine)));
    }
    return build(values);
  }

  /** Blanks that separate, not line ends. */
  private void skipBlanks() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\f') return;
      at++;
    }
  }

  private void newline() {
    char c = text.charAt(at++);
    if (c == '\r' && at < text.length() && text.charAt(at) == '\n') at++;
    line++;
  }

  /**
   * A key (ending at an unescaped separator) or a value (ending at the line's end), with escapes
   * and line continuations applied.
   */
  private String token(boolean key) throws LoadException {
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n' || c == '\r') {
        newline();
        break;
      }
      if (key && (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f')) break;
      at++;
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) break;
      char e = text.charAt(at++);
      switch (e) {
        case '\n':
        case '\r':
          at--;
          newline();
          skipBlanks(); // a continuation line's leading blanks are dropped
          break;
        case 't':
          out.append('\t');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'u':
          if (at + 4 > text.length()) {
            throw LoadException.at(new Origin(file, line), "malformed \\uxxxx escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw LoadException.at(new Origin(file, line), "malformed \\uxxxx escape");
          }
          at += 4;
          break;
        default:
          out.append(e);
      }
    }
    return out.toString();
  }

  private Node.Mapping build(Map<String, Node.Scalar> values) {
    Map<String, Object> tree = new LinkedHashMap<>(); // Node.Scalar or nested Map
    for (Map.Entry<String, Node.Scalar> e : values.entrySet()) {
      List<String> path = Paths.split(e.getKey());
      Map<String, Object> at = tree;
      for (int i = 0; i < path.size() - 1; i++) {
        Object next = at.get(path.get(i));
        if (!(next instanceof Map)) {
          Map<String, Object> child = new LinkedHashMap<>();
          at.put(path.get(i), child); // a mapping wins over a value at the same key
          next = child;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) next;
        at = child;
      }
      String last = path.get(path.size() - 1);
      if (!(at.get(last) instanceof Map)) at.put(last, e.getValue());
    }
    return toMapping(tree, new Origin(file, 1));
  }

  private static Node.Mapping toMapping(Map<String, Object> tree, Origin origin) {
    Map<String, Node> entries = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Node) {
        entries.put(e.getKey(), (Node) v);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) v;
        entries.put(e.getKey(), toMapping(child, firstOrigin(child, origin)));
      }
    }
    return new Node.Mapping(entries, origin);
  }

  private static Origin firstOrigin(Map<String, Object> tree, Origin fallback) {
    for (Object v : tree.values()) {
      if (v instanceof Node) return ((Node) v).origin();
      @SuppressWarnings("unchecked")
      Map<String, Object> child = (Map<String, Object>) v;
      return firstOrigin(child, fallback);
    }
    return fallback;
  }
}
