package dev.hotconf.agent.internal.load;

import java.util.ArrayList;
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
    List<String> keys = new ArrayList<>(text.length() / 32);
    List<Node.Scalar> values = new ArrayList<>(text.length() / 32);
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
      keys.add(key);
      values.add(new Node.Scalar(value, new Origin(file, keyLine)));
    }
    Map<String, Object> tree = direct(keys, values);
    if (tree == null) tree = resolved(keys, values);
    return toMapping(tree, new Origin(file, 1));
  }

  /**
   * The tree of keys in the order of their lines, when no key is given twice and none is both a
   * value and a parent: the common case, built without a map of the flat keys. Consecutive keys
   * with the same parent find it without splitting the key again. {@code null} otherwise.
   */
  private static Map<String, Object> direct(List<String> keys, List<Node.Scalar> values) {
    Map<String, Object> tree = new LinkedHashMap<>();
    String previous = "";
    int previousDot = -1;
    Map<String, Object> previousParent = tree;
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      int dot = key.lastIndexOf('.');
      Map<String, Object> parent;
      if (dot >= 0 && dot == previousDot && key.regionMatches(0, previous, 0, dot)) {
        parent = previousParent;
      } else {
        parent = parentOf(tree, key, dot, false);
        if (parent == null) return null; // a value that is also a parent
      }
      if (parent.putIfAbsent(dot < 0 ? key : key.substring(dot + 1), values.get(i)) != null) {
        return null; // given twice, or a parent that is also a value
      }
      previous = key;
      previousDot = dot;
      previousParent = parent;
    }
    return tree;
  }

  /**
   * The tree when a key is given twice (a later line wins, and keeps its own position) or is both a
   * value and a parent (the mapping wins).
   */
  private static Map<String, Object> resolved(List<String> keys, List<Node.Scalar> scalars) {
    Map<String, Node.Scalar> values = new LinkedHashMap<>(capacity(keys.size()));
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (values.put(key, scalars.get(i)) != null) {
        values.remove(key);
        values.put(key, scalars.get(i));
      }
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
   * A key (ending at an unescaped separator or the line's end, which it leaves for the empty value
   * that follows) or a value (ending at the line's end, which it consumes), with escapes and line
   * continuations applied.
   */
  private String token(boolean key) throws LoadException {
    // Most tokens have no escape: they are a substring of the text, without a copy char by char.
    int start = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n' || c == '\r') {
        String plain = text.substring(start, at);
        if (!key) newline();
        return plain;
      }
      if (key && (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f')) {
        return text.substring(start, at);
      }
      if (c == '\\') break;
      at++;
    }
    StringBuilder out = new StringBuilder(text.length() - start < 64 ? 64 : 128);
    out.append(text, start, at);
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n' || c == '\r') {
        if (!key) newline();
        break;
      }
      if (key && (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f')) break;
      at++;
      if (c != '\\') {
        out.append(c);
        continue;
      }
      int next = Escapes.append(text, at, out);
      if (next >= 0) {
        at = next;
      } else if (next == Escapes.BAD_UNICODE) {
        throw LoadException.at(new Origin(file, line), "malformed \\uxxxx escape");
      } else if (next == Escapes.OTHER) {
        char e = text.charAt(at++);
        if (e == '\n' || e == '\r') {
          at--;
          newline();
          skipBlanks(); // a continuation line's leading blanks are dropped
        } else {
          out.append(e); // any other escaped character stands for itself
        }
      }
    }
    return out.toString();
  }

  private static Map<String, Object> build(Map<String, Node.Scalar> values) {
    Map<String, Object> tree = new LinkedHashMap<>(); // Node.Scalar or nested Map
    for (Map.Entry<String, Node.Scalar> e : values.entrySet()) {
      String key = e.getKey();
      int dot = key.lastIndexOf('.');
      Map<String, Object> at = parentOf(tree, key, dot, true);
      String last = dot < 0 ? key : key.substring(dot + 1);
      if (!(at.get(last) instanceof Map)) at.put(last, e.getValue());
    }
    return tree;
  }

  /**
   * The mapping that holds the last segment of {@code key} ({@code dot} is its last dot), made
   * where absent. A value met on the way is replaced by a mapping when {@code mappingWins}; else
   * the answer is {@code null}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> parentOf(
      Map<String, Object> tree, String key, int dot, boolean mappingWins) {
    Map<String, Object> parent = tree;
    for (int start = 0; start <= dot; ) {
      int d = key.indexOf('.', start);
      String segment = key.substring(start, d);
      Object next = parent.get(segment);
      if (!(next instanceof Map)) {
        if (next != null && !mappingWins) return null;
        next = new LinkedHashMap<String, Object>();
        parent.put(segment, next);
      }
      parent = (Map<String, Object>) next;
      start = d + 1;
    }
    return parent;
  }

  /** The tree as nodes, each nested map turned into a mapping in place: no entry is copied. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Node.Mapping toMapping(Map<String, Object> tree, Origin origin) {
    for (Map.Entry<String, Object> e : tree.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof Node)) {
        Map<String, Object> child = (Map<String, Object>) v;
        e.setValue(toMapping(child, firstOrigin(child, origin)));
      }
    }
    return Node.Mapping.owning((LinkedHashMap) tree, origin);
  }

  /** A hash map's capacity for {@code n} entries at the default load factor. */
  private static int capacity(int n) {
    return n < 12 ? 16 : (int) (n / 0.75f) + 1;
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
