package dev.hotconf.agent.internal.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mapping under construction, where a dotted key and a nested one name the same place. */
final class MappingBuilder {
  private final Origin origin;

  /** The path of this mapping from the file's top, with a trailing dot: for messages. */
  private final String prefix;

  private final Map<String, Object> entries = new LinkedHashMap<>(); // Node or MappingBuilder

  MappingBuilder(Origin origin) {
    this(origin, "");
  }

  private MappingBuilder(Origin origin, String prefix) {
    this.origin = origin;
    this.prefix = prefix;
  }

  /** Puts {@code value} at {@code path}; a value already there is a duplicate. */
  void put(List<String> path, Node value, Origin keyOrigin) throws LoadException {
    MappingBuilder tree = this;
    for (int i = 0; i < path.size() - 1; i++) {
      Object next = tree.entries.get(path.get(i));
      if (next == null) {
        MappingBuilder child = new MappingBuilder(keyOrigin, tree.prefix + path.get(i) + ".");
        tree.entries.put(path.get(i), child);
        tree = child;
      } else if (next instanceof MappingBuilder) {
        tree = (MappingBuilder) next;
      } else if (next instanceof Node.Mapping) {
        MappingBuilder child =
            MappingBuilder.of((Node.Mapping) next, tree.prefix + path.get(i) + ".");
        tree.entries.put(path.get(i), child);
        tree = child;
      } else {
        throw duplicate(prefix + String.join(".", path), keyOrigin);
      }
    }
    String last = path.get(path.size() - 1);
    Object existing = tree.entries.get(last);
    if (existing == null) {
      tree.entries.put(last, value);
    } else if (value instanceof Node.Mapping && !(existing instanceof Node)) {
      MappingBuilder into = (MappingBuilder) existing;
      for (Map.Entry<String, Node> e : ((Node.Mapping) value).entries().entrySet()) {
        into.put(List.of(e.getKey()), e.getValue(), e.getValue().origin());
      }
    } else if (value instanceof Node.Mapping && existing instanceof Node.Mapping) {
      MappingBuilder into = MappingBuilder.of((Node.Mapping) existing, tree.prefix + last + ".");
      tree.entries.put(last, into);
      for (Map.Entry<String, Node> e : ((Node.Mapping) value).entries().entrySet()) {
        into.put(List.of(e.getKey()), e.getValue(), e.getValue().origin());
      }
    } else {
      throw duplicate(prefix + String.join(".", path), keyOrigin);
    }
  }

  /** Adds a merged-in entry unless the mapping already says something for that key. */
  void putIfAbsent(String key, Node value) {
    entries.putIfAbsent(key, value);
  }

  private static MappingBuilder of(Node.Mapping mapping, String prefix) {
    MappingBuilder tree = new MappingBuilder(mapping.origin(), prefix);
    tree.entries.putAll(mapping.entries());
    return tree;
  }

  Node.Mapping build() {
    LinkedHashMap<String, Node> built = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      Object v = e.getValue();
      built.put(e.getKey(), v instanceof MappingBuilder ? ((MappingBuilder) v).build() : (Node) v);
    }
    return Node.Mapping.owning(built, origin);
  }

  private static LoadException duplicate(String path, Origin origin) {
    return LoadException.at(origin, "duplicate key '" + path + "'");
  }
}
