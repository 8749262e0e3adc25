package dev.hotconf.agent.internal.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed configuration file, independent of its format: a scalar kept as the text
 * the user wrote (never YAML 1.1's implicit type), a sequence, or a mapping. Immutable.
 */
public abstract class Node {
  private final Origin origin;

  Node(Origin origin) {
    this.origin = origin;
  }

  public Origin origin() {
    return origin;
  }

  /** A canonical rendering used to tell whether a value changed between two snapshots. */
  abstract void render(StringBuilder out);

  public final String render() {
    StringBuilder out = new StringBuilder();
    render(out);
    return out.toString();
  }

  /** A scalar: the text exactly as written, or {@code null} for an explicit null. */
  public static final class Scalar extends Node {
    private final String text;

    public Scalar(String text, Origin origin) {
      super(origin);
      this.text = text;
    }

    /** The scalar's text, or {@code null} for YAML's {@code ~}/{@code null} and HOCON's null. */
    public String text() {
      return text;
    }

    @Override
    void render(StringBuilder out) {
      if (text == null) {
        out.append("null");
      } else {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (c == '"' || c == '\\') out.append('\\');
          out.append(c);
        }
        out.append('"');
      }
    }
  }

  /** An ordered list of values. */
  public static final class Sequence extends Node {
    private final List<Node> items;

    public Sequence(List<Node> items, Origin origin) {
      super(origin);
      this.items = List.copyOf(items);
    }

    public List<Node> items() {
      return items;
    }

    @Override
    void render(StringBuilder out) {
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) out.append(',');
        items.get(i).render(out);
      }
      out.append(']');
    }
  }

  /** Keys to values, in the order the file gave them. */
  public static final class Mapping extends Node {
    private final Map<String, Node> entries;

    public Mapping(Map<String, Node> entries, Origin origin) {
      super(origin);
      this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Map<String, Node> entries() {
      return entries;
    }

    @Override
    void render(StringBuilder out) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Node> e : entries.entrySet()) {
        if (!first) out.append(',');
        first = false;
        new Scalar(e.getKey(), null).render(out);
        out.append(':');
        e.getValue().render(out);
      }
      out.append('}');
    }
  }
}
