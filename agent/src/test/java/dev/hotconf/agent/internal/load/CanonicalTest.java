package dev.hotconf.agent.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canonical rendering and the configuration hash built on it. */
class CanonicalTest {
  @TempDir Path dir;
  private int files;

  private Snapshot load(String extension, String text) throws Exception {
    Path file = dir.resolve("c" + files++ + "." + extension);
    Files.writeString(file, text);
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  private Snapshot layered(String... layers) throws Exception {
    List<ConfigFile> configs = new java.util.ArrayList<>();
    for (String layer : layers) {
      Path file = dir.resolve("l" + files++ + ".yaml");
      Files.writeString(file, layer);
      configs.add(ConfigFile.of(file.toString()));
    }
    return new Loader(configs).load();
  }

  @Test
  void theRenderingIsSortedCompactAndKeepsTheTextAsWritten() throws Exception {
    Snapshot s = load("yaml", "b: 2\na:\n  z: NO\n  y: 1.10\n  x: [1, ~, 0x1F]\nnone: ~\n");
    assertEquals(
        "{\"a\":{\"x\":[\"1\",null,\"0x1F\"],\"y\":\"1.10\",\"z\":\"NO\"},\"b\":\"2\"}",
        s.root().render());
  }

  @Test
  void theHashIsTheSha256OfTheRendering() throws Exception {
    Snapshot s = load("yaml", "greeting: Hello\n");
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest("{\"greeting\":\"Hello\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals("sha256:" + HexFormat.of().formatHex(digest), s.hash());
    assertTrue(Canonical.isHash(s.hash()));
    assertEquals("sha256:" + s.hash().substring(7, 19), Canonical.shorten(s.hash()));
  }

  @Test
  void commentsOrderFormattingAndFormatDoNotChangeTheHash() throws Exception {
    String yaml = load("yaml", "# c\nserver:\n  port: 8080\n  host: a\nlist: [x, y]\n").hash();
    assertEquals(yaml, load("yaml", "list:\n  - x\n  - y\nserver: {host: a, port: 8080}\n").hash());
    assertEquals(yaml, load("yml", "server.port: 8080\nserver.host: a\nlist: [x, y]\n").hash());
    assertEquals(
        yaml, load("conf", "// c\nserver { host = a, port = 8080 }\nlist = [x, y]\n").hash());
    assertEquals(
        yaml,
        load("json", "{\"list\": [\"x\", \"y\"], \"server\": {\"port\": 8080, \"host\": \"a\"}}")
            .hash());
    assertEquals(
        yaml, load("yaml", "server: {host: a, port: 8080, gone: ~}\nlist: [x, y]\n").hash());
    assertEquals(
        load("properties", "server.host=a\nserver.port = 8080\n").hash(),
        load("yaml", "server: {host: a, port: 8080}\n").hash());
  }

  @Test
  void anyValueChangesTheHash() throws Exception {
    String base = load("yaml", "a: 1\nb: [x, y]\n").hash();
    assertNotEquals(base, load("yaml", "a: 2\nb: [x, y]\n").hash());
    assertNotEquals(base, load("yaml", "a: '1 '\nb: [x, y]\n").hash());
    assertNotEquals(base, load("yaml", "a: 1\nb: [y, x]\n").hash(), "lists keep their order");
    assertNotEquals(base, load("yaml", "a: 1\nb: [x, y]\nc: 3\n").hash());
    assertNotEquals(base, load("yaml", "a: 1.0\nb: [x, y]\n").hash(), "the text as written");
  }

  @Test
  void layersMergeBeforeHashing() throws Exception {
    assertEquals(
        load("yaml", "a: {x: 1, y: 3}\n").hash(),
        layered("a: {x: 1, y: 2}\n", "a: {y: 3}\n").hash());
  }

  @Test
  void stringsAreEscapedAndKeysSortedByCodePoint() throws Exception {
    StringBuilder out = new StringBuilder();
    Canonical.string("q\"b\\n\n\u0001é", out);
    assertEquals("\"q\\\"b\\\\n\\n\\u0001é\"", out.toString());
    assertTrue(Canonical.compareCodePoints("\uFFFF", "\uD83D\uDE00") < 0, "U+FFFF before U+1F600");
    assertTrue(Canonical.compareCodePoints("a", "ab") < 0);
  }
}
