package dev.hotconf.agent.internal.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration at one moment: every file read, parsed and merged, later files overriding
 * earlier ones key by key. Immutable; a reload builds a new one and swaps it in whole.
 */
public final class Snapshot {
  /** The snapshot of no file at all: every field keeps its default. */
  public static final Snapshot EMPTY = new Snapshot(new Node.Mapping(Map.of(), null), List.of());

  private final Node.Mapping root;
  private final List<String> files;

  Snapshot(Node.Mapping root, List<String> files) {
    this.root = root;
    this.files = List.copyOf(files);
  }

  /** Merges layers in order: a later layer's value wins, mappings merge key by key. */
  static Snapshot merge(List<Node.Mapping> layers, List<String> files) {
    Node.Mapping root = new Node.Mapping(Map.of(), null);
    for (Node.Mapping layer : layers) root = merge(root, layer);
    return new Snapshot(root, files);
  }

  private static Node.Mapping merge(Node.Mapping base, Node.Mapping over) {
    Map<String, Node> merged = new LinkedHashMap<>(base.entries());
    for (Map.Entry<String, Node> e : over.entries().entrySet()) {
      Node old = merged.get(e.getKey());
      Node now = e.getValue();
      if (old instanceof Node.Mapping && now instanceof Node.Mapping) {
        now = merge((Node.Mapping) old, (Node.Mapping) now);
      }
      merged.put(e.getKey(), now);
    }
    return new Node.Mapping(merged, over.origin() != null ? over.origin() : base.origin());
  }

  /**
   * The value at a dot-separated path.
   *
   * @return the node, or {@code null} if the path is absent or explicitly null
   */
  public Node find(String path) {
    Node node = root;
    int start = 0;
    while (true) {
      int dot = path.indexOf('.', start);
      String key = dot < 0 ? path.substring(start) : path.substring(start, dot);
      if (!(node instanceof Node.Mapping)) return null;
      node = ((Node.Mapping) node).entries().get(key);
      if (node == null) return null;
      if (dot < 0) break;
      start = dot + 1;
    }
    if (node instanceof Node.Scalar && ((Node.Scalar) node).text() == null) return null;
    return node;
  }

  /** The files this snapshot was read from, as the user named them. */
  public List<String> files() {
    return files;
  }

  /** The paths of the values (scalars and lists) that differ between this snapshot and another. */
  public Set<String> changedKeys(Snapshot other) {
    Map<String, String> mine = leaves();
    Map<String, String> theirs = other.leaves();
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, String> e : mine.entrySet()) {
      if (!e.getValue().equals(theirs.get(e.getKey()))) changed.add(e.getKey());
    }
    for (String key : theirs.keySet()) {
      if (!mine.containsKey(key)) changed.add(key);
    }
    return changed;
  }

  private Map<String, String> leaves() {
    Map<String, String> leaves = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : leafNodes().entrySet()) {
      leaves.put(e.getKey(), e.getValue().render());
    }
    return leaves;
  }

  /**
   * Every value that is not a mapping (scalars and lists), by path, in file order; explicit nulls
   * left out, as they count as absent.
   */
  public Map<String, Node> leafNodes() {
    Map<String, Node> leaves = new LinkedHashMap<>();
    collect("", root, leaves);
    return leaves;
  }

  private static void collect(String prefix, Node.Mapping mapping, Map<String, Node> into) {
    for (Map.Entry<String, Node> e : mapping.entries().entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Node value = e.getValue();
      if (value instanceof Node.Mapping && !((Node.Mapping) value).entries().isEmpty()) {
        collect(path, (Node.Mapping) value, into);
      } else if (!(value instanceof Node.Scalar && ((Node.Scalar) value).text() == null)) {
        into.put(path, value);
      }
    }
  }
}
