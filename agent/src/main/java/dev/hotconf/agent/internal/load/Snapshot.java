package dev.hotconf.agent.internal.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration at one moment: every file read, parsed and merged, later files overriding
 * earlier ones key by key. Immutable; a reload builds a new one and swaps it in whole. Its {@link
 * #hash()} is its identity.
 */
public final class Snapshot {
  /** The snapshot of no file at all: every field keeps its default. */
  public static final Snapshot EMPTY = new Snapshot(new Node.Mapping(Map.of(), null), List.of());

  private final Node.Mapping root;
  private final List<String> files;

  /** Computed on first use: start-up never needs it. */
  private volatile String hash;

  Snapshot(Node.Mapping root, List<String> files) {
    this.root = root;
    this.files = List.copyOf(files);
  }

  /** Merges layers in order: a later layer's value wins, mappings merge key by key. */
  static Snapshot merge(List<Node.Mapping> layers, List<String> files) {
    if (layers.size() == 1) return new Snapshot(layers.get(0), files);
    Node.Mapping root = new Node.Mapping(Map.of(), null);
    for (Node.Mapping layer : layers) root = merge(root, layer);
    return new Snapshot(root, files);
  }

  private static Node.Mapping merge(Node.Mapping base, Node.Mapping over) {
    LinkedHashMap<String, Node> merged = new LinkedHashMap<>(base.entries());
    for (Map.Entry<String, Node> e : over.entries().entrySet()) {
      Node old = merged.get(e.getKey());
      Node now = e.getValue();
      if (old instanceof Node.Mapping && now instanceof Node.Mapping) {
        now = merge((Node.Mapping) old, (Node.Mapping) now);
      }
      merged.put(e.getKey(), now);
    }
    return Node.Mapping.owning(merged, over.origin() != null ? over.origin() : base.origin());
  }

  /** The merged configuration. */
  public Node.Mapping root() {
    return root;
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
    return node.isNull() ? null : node;
  }

  /** The files this snapshot was read from, as the user named them. */
  public List<String> files() {
    return files;
  }

  /** {@code sha256:} and 64 hex digits of the {@link Canonical canonical rendering}. */
  public String hash() {
    String h = hash;
    if (h == null) hash = h = Canonical.hash(root);
    return h;
  }

  /**
   * The paths of the values (scalars, lists, empty mappings) that differ between this snapshot and
   * {@code other}: set, changed or removed. This is the one meaning of "changed": a binding's value
   * changed exactly when a key at or below its path is in this set.
   */
  public Set<String> changedKeys(Snapshot other) {
    Set<String> changed = new TreeSet<>();
    diff("", root, other.root, changed);
    return changed;
  }

  private static void diff(String prefix, Node mine, Node theirs, Set<String> into) {
    boolean mineIsMapping = isInnerMapping(mine);
    boolean theirsIsMapping = isInnerMapping(theirs);
    if (!mineIsMapping && !theirsIsMapping) {
      boolean mineAbsent = mine == null || mine.isNull();
      boolean theirsAbsent = theirs == null || theirs.isNull();
      if (mineAbsent && theirsAbsent) return;
      if (mineAbsent || theirsAbsent || !mine.sameAs(theirs)) into.add(prefix);
      return;
    }
    if (!mineIsMapping || !theirsIsMapping) {
      // A value became a mapping (or the reverse): every leaf on both sides changed.
      if (mine != null) collectLeaves(prefix, mine, into);
      if (theirs != null) collectLeaves(prefix, theirs, into);
      return;
    }
    Map<String, Node> a = ((Node.Mapping) mine).entries();
    Map<String, Node> b = ((Node.Mapping) theirs).entries();
    for (Map.Entry<String, Node> e : a.entrySet()) {
      diff(Paths.join(prefix, e.getKey()), e.getValue(), b.get(e.getKey()), into);
    }
    for (Map.Entry<String, Node> e : b.entrySet()) {
      if (!a.containsKey(e.getKey()))
        diff(Paths.join(prefix, e.getKey()), null, e.getValue(), into);
    }
  }

  /**
   * A mapping with at least one value: one that holds leaves rather than being one ({@code {}}).
   */
  private static boolean isInnerMapping(Node node) {
    if (!(node instanceof Node.Mapping)) return false;
    for (Node value : ((Node.Mapping) node).entries().values()) {
      if (!value.isNull()) return true;
    }
    return false;
  }

  private static void collectLeaves(String prefix, Node node, Set<String> into) {
    if (node.isNull()) return;
    if (!isInnerMapping(node)) {
      into.add(prefix);
      return;
    }
    for (Map.Entry<String, Node> e : ((Node.Mapping) node).entries().entrySet()) {
      collectLeaves(Paths.join(prefix, e.getKey()), e.getValue(), into);
    }
  }

  /**
   * Every value that is not a mapping (scalars and lists, and empty mappings), by path, in file
   * order; explicit nulls left out, as they count as absent.
   */
  public Map<String, Node> leafNodes() {
    Map<String, Node> leaves = new LinkedHashMap<>();
    collect("", root, leaves);
    return leaves;
  }

  private static void collect(String prefix, Node.Mapping mapping, Map<String, Node> into) {
    for (Map.Entry<String, Node> e : mapping.entries().entrySet()) {
      String path = Paths.join(prefix, e.getKey());
      Node value = e.getValue();
      if (isInnerMapping(value)) {
        collect(path, (Node.Mapping) value, into);
      } else if (!value.isNull()) {
        into.put(path, value);
      }
    }
  }
}
