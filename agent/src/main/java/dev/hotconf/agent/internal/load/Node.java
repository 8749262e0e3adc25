package dev.hotconf.agent.internal.load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed configuration file, independent of its format: a scalar kept as the text
 * the user wrote (never YAML 1.1's implicit type), an explicit null, a sequence, or a mapping.
 * Immutable; {@link #kind()} lets callers switch instead of testing classes.
 */
public abstract class Node {
  /** What a node is. */
  public enum Kind {
    /** Text, as written: {@link Scalar}. */
    SCALAR,
    /**
     * An explicit null ({@code ~}, {@code key:}, HOCON {@code null}): a {@link Scalar} that counts
     * as absent.
     */
    NULL,
    /** An ordered list: {@link Sequence}. */
    SEQUENCE,
    /** Keys to values: {@link Mapping}. */
    MAPPING
  }

  private final Origin origin;

  Node(Origin origin) {
    this.origin = origin;
  }

  /** Where the value was written, or {@code null} when nothing tells (a merged empty root). */
  public Origin origin() {
    return origin;
  }

  public abstract Kind kind();

  /** Whether this is an explicit null, which counts as absent wherever a value is looked up. */
  public final boolean isNull() {
    return kind() == Kind.NULL;
  }

  /**
   * Whether {@code other} means the same configuration: equal texts, lists equal item by item,
   * mappings with the same non-null keys and values in any order. Origins do not count. This is
   * what "changed" means everywhere: two nodes are the same exactly when their {@link Canonical
   * canonical renderings} are equal.
   */
  public abstract boolean sameAs(Node other);

  /** The canonical JSON rendering of this value (see {@link Canonical}). */
  public final String render() {
    StringBuilder out = new StringBuilder();
    Canonical.render(this, out);
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
    public Kind kind() {
      return text == null ? Kind.NULL : Kind.SCALAR;
    }

    @Override
    public boolean sameAs(Node other) {
      if (!(other instanceof Scalar)) return false;
      String theirs = ((Scalar) other).text;
      return text == null ? theirs == null : text.equals(theirs);
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
    public Kind kind() {
      return Kind.SEQUENCE;
    }

    @Override
    public boolean sameAs(Node other) {
      if (!(other instanceof Sequence)) return false;
      List<Node> theirs = ((Sequence) other).items;
      if (theirs.size() != items.size()) return false;
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).sameAs(theirs.get(i))) return false;
      }
      return true;
    }
  }

  /** Keys to values, in the order the file gave them. */
  public static final class Mapping extends Node {
    private final Map<String, Node> entries;

    public Mapping(Map<String, Node> entries, Origin origin) {
      this(new LinkedHashMap<>(entries), origin, true);
    }

    private Mapping(LinkedHashMap<String, Node> owned, Origin origin, boolean unused) {
      super(origin);
      this.entries = Collections.unmodifiableMap(owned);
    }

    /**
     * A mapping over {@code entries} without a copy: for a reader that built the map and hands it
     * over (a 100 KB file has thousands of entries, copied once per mapping otherwise).
     */
    static Mapping owning(LinkedHashMap<String, Node> entries, Origin origin) {
      return new Mapping(entries, origin, true);
    }

    /** The entries in file order, explicit nulls included. */
    public Map<String, Node> entries() {
      return entries;
    }

    @Override
    public Kind kind() {
      return Kind.MAPPING;
    }

    @Override
    public boolean sameAs(Node other) {
      if (!(other instanceof Mapping)) return false;
      Map<String, Node> theirs = ((Mapping) other).entries;
      int mine = 0;
      for (Map.Entry<String, Node> e : entries.entrySet()) {
        if (e.getValue().isNull()) continue;
        mine++;
        Node their = theirs.get(e.getKey());
        if (their == null || !e.getValue().sameAs(their)) return false;
      }
      int count = 0;
      for (Node n : theirs.values()) {
        if (!n.isNull()) count++;
      }
      return count == mine;
    }
  }
}
