package dev.hotconf.agent.internal.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON (RFC 8259) into {@link Node}s in one pass, with the line of every value: numbers keep
 * the text as written ({@code 1.10} stays {@code "1.10"}), a key given twice in one object is
 * refused (as in YAML: which one was meant?), and keys keep their dots, as JSON has no paths.
 * Written for the reload path — about as fast as reading the bytes — where typesafe-config's JSON
 * mode built two trees and resolved substitutions JSON cannot have.
 */
final class JsonReader {
  /** Deeper nesting is refused rather than risking the reader's stack. */
  static final int MAX_DEPTH = 512;

  private final String file;
  private final String text;
  private int at;
  private int line = 1;
  private int nodes;

  private JsonReader(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static Node.Mapping read(String file, String text) throws LoadException {
    JsonReader reader = new JsonReader(file, text);
    reader.skipBlanks();
    if (reader.at >= text.length()) return new Node.Mapping(Map.of(), new Origin(file, 1));
    if (text.charAt(reader.at) != '{') {
      throw reader.fail("the top level must be an object of keys");
    }
    Node root = reader.value(0);
    reader.skipBlanks();
    if (reader.at < text.length()) throw reader.fail("unexpected text after the object");
    return (Node.Mapping) root;
  }

  private Node value(int depth) throws LoadException {
    if (depth > MAX_DEPTH) throw fail("nesting is deeper than " + MAX_DEPTH + " levels");
    if (++nodes > YamlReader.MAX_NODES) {
      throw fail("more than " + YamlReader.MAX_NODES + " values");
    }
    skipBlanks();
    if (at >= text.length()) throw fail("unexpected end of the file");
    Origin origin = new Origin(file, line);
    char c = text.charAt(at);
    switch (c) {
      case '{':
        return object(origin, depth);
      case '[':
        return array(origin, depth);
      case '"':
        return new Node.Scalar(string(), origin);
      case 't':
        return literal("true", origin);
      case 'f':
        return literal("false", origin);
      case 'n':
        expect("null");
        return new Node.Scalar(null, origin);
      default:
        if (c == '-' || c >= '0' && c <= '9') return new Node.Scalar(number(), origin);
        throw fail("unexpected character '" + c + "'");
    }
  }

  private Node.Mapping object(Origin origin, int depth) throws LoadException {
    at++; // {
    LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
    skipBlanks();
    if (peek() == '}') {
      at++;
      return Node.Mapping.owning(entries, origin);
    }
    while (true) {
      skipBlanks();
      if (peek() != '"') throw fail("expected a key in double quotes");
      int keyLine = line;
      String key = string();
      skipBlanks();
      if (peek() != ':') throw fail("expected ':' after the key '" + key + "'");
      at++;
      Node value = value(depth + 1);
      Node first = entries.put(key, value);
      if (first != null) {
        throw LoadException.at(
            new Origin(file, keyLine),
            "duplicate key '" + key + "' (first at line " + first.origin().line() + ")");
      }
      skipBlanks();
      char c = peek();
      at++;
      if (c == '}') return Node.Mapping.owning(entries, origin);
      if (c != ',') throw fail("expected ',' or '}' in an object");
    }
  }

  private Node.Sequence array(Origin origin, int depth) throws LoadException {
    at++; // [
    List<Node> items = new ArrayList<>();
    skipBlanks();
    if (peek() == ']') {
      at++;
      return new Node.Sequence(items, origin);
    }
    while (true) {
      items.add(value(depth + 1));
      skipBlanks();
      char c = peek();
      at++;
      if (c == ']') return new Node.Sequence(items, origin);
      if (c != ',') throw fail("expected ',' or ']' in an array");
    }
  }

  private String string() throws LoadException {
    at++; // opening quote
    int start = at;
    // The common case, a string without escapes, is a substring.
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') return text.substring(start, at++);
      if (c == '\\') break;
      if (c < 0x20) throw fail("a control character in a string (write it as an escape)");
      at++;
    }
    StringBuilder out = new StringBuilder(text.length() - start < 64 ? 16 : 64);
    out.append(text, start, at);
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') return out.toString();
      if (c < 0x20) throw fail("a control character in a string (write it as an escape)");
      if (c != '\\') {
        out.append(c);
        continue;
      }
      int next = Escapes.append(text, at, out);
      if (next == Escapes.END) break;
      if (next == Escapes.BAD_UNICODE) throw fail("a \\u escape needs four hex digits");
      if (next != Escapes.OTHER) {
        at = next;
        continue;
      }
      char e = text.charAt(at++);
      if (e == '"' || e == '\\' || e == '/') {
        out.append(e);
      } else if (e == 'b') {
        out.append('\b');
      } else {
        throw fail("unknown escape '\\" + e + "' in a string");
      }
    }
    throw fail("a string is not closed");
  }

  /** A number as written: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  private String number() throws LoadException {
    int start = at;
    if (peek() == '-') at++;
    if (peek() == '0') {
      at++;
    } else if (!digits()) {
      throw fail("a number needs digits");
    }
    if (peek() == '.') {
      at++;
      if (!digits()) throw fail("a number needs digits after its point");
    }
    if (peek() == 'e' || peek() == 'E') {
      at++;
      if (peek() == '+' || peek() == '-') at++;
      if (!digits()) throw fail("a number needs digits in its exponent");
    }
    return text.substring(start, at);
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
    return at > start;
  }

  private Node literal(String word, Origin origin) throws LoadException {
    expect(word);
    return new Node.Scalar(word, origin);
  }

  private void expect(String word) throws LoadException {
    if (!text.startsWith(word, at)) throw fail("unexpected text; true, false or null?");
    at += word.length();
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private void skipBlanks() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private LoadException fail(String message) {
    return LoadException.at(new Origin(file, line), message);
  }
}
