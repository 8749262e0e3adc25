package dev.hotconf.agent.internal.load;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML into {@link Node}s. SnakeYAML only <em>composes</em> the document (builds its node
 * graph): nothing is ever constructed, so no tag can load a class and every scalar keeps the text
 * the user wrote ({@code NO} stays {@code "NO"}, {@code 1.10} stays {@code "1.10"}).
 */
final class YamlReader {
  /** Every value produced from one file, aliases counted each time they are expanded. */
  static final int MAX_NODES = 1_000_000;

  private final String file;
  private int nodes;

  private YamlReader(String file) {
    this.file = file;
  }

  static Node.Mapping read(String file, String text) throws LoadException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(100);
    options.setCodePointLimit(Integer.MAX_VALUE); // the file size limit applies before parsing
    options.setProcessComments(false);
    // Only the composer: no constructor, so no tag can build an object, and none of SnakeYAML's
    // constructor classes load (they would initialize java.util.logging during premain).
    org.yaml.snakeyaml.nodes.Node root;
    try {
      Composer composer =
          new Composer(
              new ParserImpl(new StreamReader(new StringReader(text)), options),
              new Resolver(),
              options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      // The problem and where the enclosing construct began; never the snippet of the file that
      // SnakeYAML's own message quotes, which could carry a secret.
      String message = e.getProblem();
      if (e.getContext() != null && e.getContextMark() != null) {
        message += "; " + e.getContext() + " at line " + (e.getContextMark().getLine() + 1);
      }
      throw LoadException.at(originOf(file, e.getProblemMark()), message);
    } catch (YAMLException e) {
      throw LoadException.inFile(file, String.valueOf(e.getMessage()));
    }
    if (root == null) return new Node.Mapping(Map.of(), new Origin(file, 1));
    if (!(root instanceof MappingNode)) {
      throw LoadException.at(
          originOf(file, root.getStartMark()), "the top level must be a mapping of keys");
    }
    YamlReader reader = new YamlReader(file);
    return (Node.Mapping) reader.convert(root, new IdentityHashMap<>());
  }

  private Node convert(
      org.yaml.snakeyaml.nodes.Node node,
      IdentityHashMap<org.yaml.snakeyaml.nodes.Node, Boolean> path)
      throws LoadException {
    Origin origin = originOf(file, node.getStartMark());
    if (++nodes > MAX_NODES) {
      throw LoadException.at(origin, "more than " + MAX_NODES + " values (an alias bomb?)");
    }
    if (path.put(node, Boolean.TRUE) != null) {
      throw LoadException.at(
          origin, "an alias refers to a value that contains it (recursive structure)");
    }
    try {
      if (node instanceof ScalarNode) {
        ScalarNode scalar = (ScalarNode) node;
        boolean isNull = Tag.NULL.equals(scalar.getTag());
        return new Node.Scalar(isNull ? null : scalar.getValue(), origin);
      }
      if (node instanceof SequenceNode) {
        List<org.yaml.snakeyaml.nodes.Node> values = ((SequenceNode) node).getValue();
        Node[] items = new Node[values.size()];
        for (int i = 0; i < items.length; i++) items[i] = convert(values.get(i), path);
        return new Node.Sequence(List.of(items), origin);
      }
      return convertMapping((MappingNode) node, origin, path);
    } finally {
      path.remove(node);
    }
  }

  private Node convertMapping(
      MappingNode node, Origin origin, IdentityHashMap<org.yaml.snakeyaml.nodes.Node, Boolean> path)
      throws LoadException {
    MappingBuilder tree = new MappingBuilder(origin);
    Map<String, Origin> seen = new LinkedHashMap<>();
    List<MappingNode> merges = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
      Origin keyOrigin = originOf(file, keyNode.getStartMark());
      if (Tag.MERGE.equals(keyNode.getTag())) {
        collectMerges(tuple.getValueNode(), merges);
        continue;
      }
      if (!(keyNode instanceof ScalarNode)) {
        throw LoadException.at(keyOrigin, "a key must be a plain scalar, not a list or mapping");
      }
      String key = ((ScalarNode) keyNode).getValue();
      Origin previous = seen.put(key, keyOrigin);
      if (previous != null) {
        throw LoadException.at(
            keyOrigin, "duplicate key '" + key + "' (first at line " + previous.line() + ")");
      }
      Node value = convert(tuple.getValueNode(), path);
      // A plain key with dots ("server.port: 80") means the nested path, as in HOCON;
      // a quoted key keeps its dots.
      boolean plain = ((ScalarNode) keyNode).isPlain();
      tree.put(plain ? Paths.split(key) : List.of(key), value, keyOrigin);
    }
    // "<<: *base" fills in what the mapping does not say itself (YAML merge keys).
    for (MappingNode merge : merges) {
      Node merged = convert(merge, path);
      for (Map.Entry<String, Node> e : ((Node.Mapping) merged).entries().entrySet()) {
        tree.putIfAbsent(e.getKey(), e.getValue());
      }
    }
    return tree.build();
  }

  private void collectMerges(org.yaml.snakeyaml.nodes.Node value, List<MappingNode> into)
      throws LoadException {
    if (value instanceof MappingNode) {
      into.add((MappingNode) value);
    } else if (value instanceof SequenceNode) {
      for (org.yaml.snakeyaml.nodes.Node item : ((SequenceNode) value).getValue()) {
        if (!(item instanceof MappingNode)) {
          throw LoadException.at(originOf(file, item.getStartMark()), "'<<' merges only mappings");
        }
        into.add((MappingNode) item);
      }
    } else {
      throw LoadException.at(originOf(file, value.getStartMark()), "'<<' merges only mappings");
    }
  }

  private static Origin originOf(String file, Mark mark) {
    return new Origin(file, mark == null ? 0 : mark.getLine() + 1);
  }
}
