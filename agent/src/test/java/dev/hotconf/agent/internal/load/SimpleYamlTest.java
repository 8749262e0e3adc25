package dev.hotconf.agent.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader of plain block YAML against SnakeYAML's: whatever it reads must read the same (texts,
 * nulls, structure and every line), and whatever SnakeYAML refuses it must leave to SnakeYAML.
 */
class SimpleYamlTest {
  /** Node by node: kind, text, line; mappings in order. */
  private static String describe(Node node) {
    StringBuilder out = new StringBuilder();
    describe(node, out);
    return out.toString();
  }

  private static void describe(Node node, StringBuilder out) {
    out.append(node.kind()).append('@').append(node.origin().line());
    switch (node.kind()) {
      case SCALAR:
        out.append('<').append(((Node.Scalar) node).text()).append('>');
        break;
      case SEQUENCE:
        out.append('[');
        for (Node item : ((Node.Sequence) node).items()) {
          describe(item, out);
          out.append(", ");
        }
        out.append(']');
        break;
      case MAPPING:
        out.append('{');
        for (Map.Entry<String, Node> e : ((Node.Mapping) node).entries().entrySet()) {
          out.append(e.getKey()).append('=');
          describe(e.getValue(), out);
          out.append(", ");
        }
        out.append('}');
        break;
      default:
        break;
    }
  }

  /** Whether the simple reader took {@code text}; fails if it read it otherwise than SnakeYAML. */
  private static boolean sameAsSnakeYaml(String text) {
    Node.Mapping simple = SimpleYaml.read("t.yaml", text);
    Node.Mapping snake;
    try {
      snake = YamlReader.read("t.yaml", text);
    } catch (LoadException e) {
      assertNull(simple, "SnakeYAML refuses it (" + e.getMessage() + "), yet read:\n" + text);
      return false;
    }
    if (simple == null) return false;
    assertEquals(describe(snake), describe(simple), "read otherwise than SnakeYAML:\n" + text);
    return true;
  }

  @Test
  void readsCommonConfigurationFilesAsSnakeYamlDoes() {
    List<String> taken =
        List.of(
            "",
            "# only a comment\n\n",
            "greeting: Hello\nfeatures:\n  shout: false\nlimits:\n  requests-per-second: 5\n",
            "server.port: 8080\nserver:\n  host: example.org   # the host\n",
            "a: 1.10\nb: NO\nc: ~\nd: null\ne:\nf: 'it''s'\ng: \"a # b\"\nh: -5\ni: x:y\n",
            "list:\n- one\n- 'two'\n-   three # 3\nnext: 1\n",
            "list:\n  - 1\n  - 2\nafter: x\n",
            "\"quoted.key\": 1\n'single key': 2\nplain key: 3\n",
            "a:\n  b:\n    c:\n      d: deep\n  e: back\nf: top\n",
            "a:    \n\n   # comment in between\n  b: 1\n",
            "url: http://example.org:8080/path?q=1#frag\nmail: a@b.c\nneg: -x\n",
            "unicode: grüße 日本\nempty: ''\nspaces: '  padded  '\n",
            "a:\n  - x\n  - y\n  # comment\n  - z\nb:\n");
    for (String text : taken) {
      assertTrue(sameAsSnakeYaml(text), "the simple reader should take:\n" + text);
    }
    Node.Mapping nested = SimpleYaml.read("t.yaml", "db:\n  pool.size: 5\n");
    assertNotNull(nested);
    Node.Mapping db = (Node.Mapping) nested.entries().get("db");
    Node.Mapping pool = (Node.Mapping) db.entries().get("pool");
    assertEquals("5", ((Node.Scalar) pool.entries().get("size")).text());
  }

  @Test
  void leavesEverythingElseToSnakeYaml() {
    List<String> left =
        List.of(
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "base: &b\n  x: 1\nc:\n  <<: *b\n",
            "a: !!str 5\n",
            "a: |\n  block\n",
            "a: >\n  folded\n",
            "a: multi\n  line\n",
            "a: \"esc\\n\"\n",
            "a: 'open\n",
            "a: b: c\n",
            "---\na: 1\n",
            "%YAML 1.1\n---\na: 1\n",
            "\ta: 1\n",
            "a: 1\r\nb: 2\r\n",
            "a: 1\na: 2\n",
            "- item\n",
            "just text\n",
            "  indented: 1\n",
            "a:\n  - x: 1\n",
            "a:\n  -\n",
            "? complex\n: value\n",
            "a:\n    b: 1\n  c: 2\n",
            "a: 1\n b: 2\n",
            "a: `x`\n",
            "a: @x\n",
            "a: 'x' y\n");
    for (String text : left) {
      assertNull(SimpleYaml.read("t.yaml", text), "should be left to SnakeYAML:\n" + text);
    }
  }

  private static final String[] KEYS = {
    "a",
    "b",
    "server.port",
    "x-y",
    "\"q.k\"",
    "'s k'",
    "k1",
    "-k",
    "?k",
    ":k",
    "a b",
    "a#b",
    "http://h",
    "~",
    "null",
    "<<",
    "dup",
    "dup",
    "a.b.c",
    "\"\"",
    "1",
    "- k",
    "? k",
    "k:x",
    "&k",
    "'it''s'",
    "\"a\\tb\"",
    "a #b"
  };

  private static final String[] VALUES = {
    "1",
    "-5",
    "1.10",
    "NO",
    "yes",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    "hello world",
    "a # comment",
    "a#b",
    "'it''s'",
    "\"dq\"",
    "\"esc\\n\"",
    "'x' # c",
    "'x'# c",
    "[1, 2]",
    "{a: 1}",
    "&anc 3",
    "*anc",
    "!!str 4",
    "|",
    ">",
    "a: b",
    "a:",
    "-",
    "- x",
    "?",
    ":",
    "x:y",
    "@x",
    "%x",
    "`x",
    "'unterminated",
    "\"un",
    "'a' b",
    "---",
    "...",
    "-x",
    "? x",
    ": x",
    "a,b",
    "x]",
    "#",
    "''",
    "'''",
    "\"a'b\"",
    "'a\"b'",
    "grüße",
    "  spaced  ",
    "x   ",
    "a\tb",
    "~x",
    "null x",
    "0x1F"
  };

  /** Random documents, most of them plain block YAML, many of them not. */
  @Test
  void randomDocumentsReadTheSameOrAreLeftToSnakeYaml() {
    Random random = new Random(20261130);
    int taken = 0;
    int documents = 20_000;
    for (int d = 0; d < documents; d++) {
      StringBuilder text = new StringBuilder();
      mapping(random, text, 0, 0);
      if (random.nextInt(20) == 0) text.append(random.nextBoolean() ? "---\n" : " stray\n");
      if (sameAsSnakeYaml(text.toString())) taken++;
    }
    // The comparison only means something if both readers took a fair share of the documents.
    assertTrue(taken > documents / 10, "the simple reader took " + taken + " of " + documents);
    assertTrue(taken < documents * 9 / 10, "the simple reader took " + taken + " of " + documents);
  }

  private static void mapping(Random random, StringBuilder out, int indent, int depth) {
    int entries = 1 + random.nextInt(4);
    for (int i = 0; i < entries; i++) {
      noise(random, out, indent);
      int at = random.nextInt(40) == 0 ? indent + 1 : indent; // now and then a wrong indentation
      out.append(" ".repeat(at)).append(KEYS[random.nextInt(KEYS.length)]).append(':');
      int kind = random.nextInt(10);
      if (kind < 6 || depth > 3) {
        String value = VALUES[random.nextInt(VALUES.length)];
        if (!value.isEmpty()) out.append(random.nextInt(15) == 0 ? "  " : " ").append(value);
        if (random.nextInt(10) == 0) out.append("   # trailing");
        out.append('\n');
        if (random.nextInt(25) == 0) out.append(" ".repeat(indent + 2)).append("more\n");
      } else if (kind < 8) {
        out.append(random.nextInt(5) == 0 ? "  # nested\n" : "\n");
        mapping(random, out, indent + 1 + random.nextInt(4), depth + 1);
      } else {
        out.append('\n');
        int at2 = random.nextBoolean() ? indent : indent + 2;
        int items = 1 + random.nextInt(3);
        for (int j = 0; j < items; j++) {
          noise(random, out, at2);
          out.append(" ".repeat(at2)).append('-');
          String value = VALUES[random.nextInt(VALUES.length)];
          if (!value.isEmpty()) out.append(' ').append(value);
          out.append('\n');
        }
      }
    }
  }

  private static void noise(Random random, StringBuilder out, int indent) {
    switch (random.nextInt(12)) {
      case 0:
        out.append('\n');
        break;
      case 1:
        out.append(" ".repeat(random.nextInt(indent + 3))).append("# a comment\n");
        break;
      case 2:
        out.append("   \n");
        break;
      default:
        break;
    }
  }
}
