package dev.hotconf.agent.internal.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The block YAML that most configuration files are written in, read without SnakeYAML: nested
 * mappings, plain and quoted scalars on one line, lists of such scalars, comments. SnakeYAML's
 * classes and first parse are the longest part of start-up, and most of a YAML reload.
 *
 * <p>Anything else — flow collections, anchors, aliases, tags, block and multi-line scalars,
 * escapes in double quotes, merge keys, complex keys, lists of mappings, tabs, document markers —
 * and every mistake is left to {@link YamlReader}: {@link #read} then returns {@code null}. A file
 * therefore means the same whichever reader takes it (a test holds the two side by side), and
 * SnakeYAML words every error.
 */
final class SimpleYaml {
  /** Thrown to give the file to SnakeYAML; carries nothing, costs no stack trace. */
  private static final class Elsewhere extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Elsewhere() {
      super(null, null, false, false);
    }
  }

  private static final Elsewhere ELSEWHERE = new Elsewhere();

  /** SnakeYAML's own nesting limit, as {@link YamlReader} sets it. */
  private static final int MAX_DEPTH = 100;

  /** A plain key SnakeYAML still takes as a simple key (it allows 1024 characters). */
  private static final int MAX_KEY = 1000;

  private final String file;
  private final String text;
  private int values;

  // The current significant line (not blank, not only a comment): where it starts and ends, its
  // number from 1, and the column of its first character; -1 at the end of the text.
  private int start;
  private int end;
  private int line;
  private int indent;

  // Where the next line begins, and its number.
  private int next;
  private int nextLine = 1;

  private SimpleYaml(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** The file's top-level mapping, or {@code null} when {@link YamlReader} must read it. */
  static Node.Mapping read(String file, String text) {
    if (!plainText(text)) return null;
    SimpleYaml reader = new SimpleYaml(file, text);
    try {
      return reader.document();
    } catch (Elsewhere | LoadException e) {
      return null; // SnakeYAML says the same, or says what is wrong in its own words
    } catch (RuntimeException e) {
      return null; // a mistake of this reader must not cost the reload: SnakeYAML reads it
    }
  }

  /** Only line feeds and printable characters that need no second look. */
  private static boolean plainText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F || c == '\n') continue;
      if (c >= 0xA0 && c < 0xD800 && c != 0x2028 && c != 0x2029) continue;
      if (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) continue;
      return false;
    }
    return true;
  }

  private Node.Mapping document() throws LoadException {
    advance();
    if (indent < 0) return new Node.Mapping(Map.of(), new Origin(file, 1));
    if (indent != 0) throw ELSEWHERE;
    Node.Mapping root = mapping(0, 1);
    if (indent >= 0) throw ELSEWHERE; // a line less indented than the top: not a mapping
    return root;
  }

  /** The mapping whose first key is on the current line, at {@code at}. */
  private Node.Mapping mapping(int at, int depth) throws LoadException {
    if (depth > MAX_DEPTH) throw ELSEWHERE;
    MappingBuilder tree = new MappingBuilder(new Origin(file, line));
    Set<String> seen = new HashSet<>();
    while (true) {
      Origin keyOrigin = new Origin(file, line);
      int i = start + indent;
      char first = text.charAt(i);
      String key;
      boolean plain = first != '"' && first != '\'';
      if (plain) {
        if (!startsPlain(i)) throw ELSEWHERE;
        int colon = i;
        while (colon < end
            && !(text.charAt(colon) == ':'
                && (colon + 1 == end || text.charAt(colon + 1) == ' '))) {
          colon++;
        }
        if (colon == end) throw ELSEWHERE;
        key = trimEnd(i, colon);
        if (key.indexOf(" #") >= 0 || key.length() > MAX_KEY || key.equals("<<")) {
          throw ELSEWHERE;
        }
        i = colon + 1;
      } else {
        int close = closingQuote(i);
        key = quoted(i, close);
        i = close + 1;
        if (i >= end || text.charAt(i) != ':') throw ELSEWHERE;
        i++;
        if (i < end && text.charAt(i) != ' ') throw ELSEWHERE;
      }
      if (!seen.add(key)) throw ELSEWHERE; // a duplicate: YamlReader names both lines
      while (i < end && text.charAt(i) == ' ') i++;
      Node value;
      if (i == end || text.charAt(i) == '#') {
        value = block(at, depth, keyOrigin);
      } else {
        value = scalar(i);
        advance();
        if (indent > at) throw ELSEWHERE; // a scalar that goes on, or a mistake
      }
      tree.put(plain ? Paths.split(key) : List.of(key), value, keyOrigin);
      if (indent < at) return tree.build();
      if (indent > at) throw ELSEWHERE;
    }
  }

  /**
   * What follows a key with nothing after it on its line: a more indented mapping or list, a list
   * at the key's own indentation, or nothing (null).
   */
  private Node block(int at, int depth, Origin keyOrigin) throws LoadException {
    advance();
    if (indent > at) {
      return isItem() ? sequence(indent, depth + 1, false) : mapping(indent, depth + 1);
    }
    if (indent == at && isItem()) return sequence(at, depth + 1, true);
    count();
    return new Node.Scalar(null, keyOrigin);
  }

  /**
   * A list of scalars whose first item is on the current line, at {@code at}; {@code indentless}
   * when it stands at its key's indentation, so that a key may follow it there.
   */
  private Node.Sequence sequence(int at, int depth, boolean indentless) throws LoadException {
    if (depth > MAX_DEPTH) throw ELSEWHERE;
    Origin origin = new Origin(file, line);
    List<Node> items = new ArrayList<>();
    while (true) {
      int i = start + indent + 1;
      while (i < end && text.charAt(i) == ' ') i++;
      if (i == end || text.charAt(i) == '#') throw ELSEWHERE; // an empty item, or a nested block
      items.add(scalar(i));
      advance();
      if (indent > at) throw ELSEWHERE;
      if (indent < at || indent == at && !isItem()) {
        if (indent == at && !indentless) throw ELSEWHERE;
        return new Node.Sequence(List.copyOf(items), origin);
      }
    }
  }

  /** Whether the current line is a list item: {@code - } or a lone {@code -}. */
  private boolean isItem() {
    int i = start + indent;
    return text.charAt(i) == '-' && (i + 1 == end || text.charAt(i + 1) == ' ');
  }

  /** A scalar that starts at {@code i} and takes the rest of the current line. */
  private Node.Scalar scalar(int i) throws LoadException {
    count();
    Origin origin = new Origin(file, line);
    char first = text.charAt(i);
    if (first == '"' || first == '\'') {
      int close = closingQuote(i);
      String value = quoted(i, close);
      int after = close + 1;
      while (after < end && text.charAt(after) == ' ') after++;
      if (after < end && (text.charAt(after) != '#' || after == close + 1)) throw ELSEWHERE;
      return new Node.Scalar(value, origin);
    }
    if (!startsPlain(i)) throw ELSEWHERE;
    int stop = i;
    while (stop < end && !(text.charAt(stop) == '#' && text.charAt(stop - 1) == ' ')) stop++;
    String value = trimEnd(i, stop);
    if (value.endsWith(":") || value.contains(": ")) throw ELSEWHERE; // a mapping where none fits
    switch (value) {
      case "~":
      case "null":
      case "Null":
      case "NULL":
        return new Node.Scalar(null, origin);
      default:
        return new Node.Scalar(value, origin);
    }
  }

  /** The index of the quote that closes the one at {@code open}, on the same line. */
  private int closingQuote(int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '"') throw ELSEWHERE; // escapes are SnakeYAML's
      if (c != quote) continue;
      if (quote == '\'' && i + 1 < end && text.charAt(i + 1) == '\'') {
        i++; // '' stands for '
        continue;
      }
      return i;
    }
    throw ELSEWHERE; // it goes on to another line
  }

  private String quoted(int open, int close) {
    String inside = text.substring(open + 1, close);
    return text.charAt(open) == '\'' ? inside.replace("''", "'") : inside;
  }

  /**
   * Whether a plain scalar may start at {@code i}: not with one of YAML's indicators, except that
   * {@code -}, {@code ?} and {@code :} may start one when something other than a space follows
   * ({@code -5}, {@code :x}).
   */
  private boolean startsPlain(int i) {
    switch (text.charAt(i)) {
      case '-':
      case '?':
      case ':':
        return i + 1 < end && text.charAt(i + 1) != ' ';
      case ',':
      case '[':
      case ']':
      case '{':
      case '}':
      case '#':
      case '&':
      case '*':
      case '!':
      case '|':
      case '>':
      case '\'':
      case '"':
      case '%':
      case '@':
      case '`':
        return false;
      default:
        return true;
    }
  }

  private String trimEnd(int from, int to) {
    while (to > from && text.charAt(to - 1) == ' ') to--;
    return text.substring(from, to);
  }

  private void count() {
    if (++values > YamlReader.MAX_NODES) throw ELSEWHERE;
  }

  /**
   * Moves to the next significant line; {@code indent} is -1 at the end of the text. A document
   * marker or directive at the start of a line is SnakeYAML's.
   */
  private void advance() {
    while (next < text.length()) {
      int lineStart = next;
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length();
      next = lineEnd + 1;
      int number = nextLine++;
      int i = lineStart;
      while (i < lineEnd && text.charAt(i) == ' ') i++;
      if (i == lineEnd || text.charAt(i) == '#') continue; // blank, or only a comment
      if (i == lineStart && (text.startsWith("---", i) || text.startsWith("...", i))) {
        throw ELSEWHERE;
      }
      if (i == lineStart && text.charAt(i) == '%') throw ELSEWHERE;
      int e = lineEnd;
      while (e > i && text.charAt(e - 1) == ' ') e--;
      start = lineStart;
      end = e;
      line = number;
      indent = i - lineStart;
      return;
    }
    indent = -1;
    line = nextLine;
  }
}
