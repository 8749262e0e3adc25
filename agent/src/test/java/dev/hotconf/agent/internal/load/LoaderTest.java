package dev.hotconf.agent.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderTest {
  @TempDir Path dir;

  private Snapshot load(String name, String text) throws Exception {
    return new Loader(List.of(file(name, text))).load();
  }

  private ConfigFile file(String name, String text) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, text);
    return ConfigFile.of(path.toString());
  }

  private static String text(Snapshot s, String path) {
    return ((Node.Scalar) s.find(path)).text();
  }

  private Problem problem(String name, String text) {
    LoadException e = assertThrows(LoadException.class, () -> load(name, text));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void yamlScalarsKeepTheirText() throws Exception {
    Snapshot s = load("a.yaml", "country: NO\nversion: 1.10\nhex: 0x1F\nflag: yes\nempty: ''\n");
    assertEquals("NO", text(s, "country"));
    assertEquals("1.10", text(s, "version"));
    assertEquals("0x1F", text(s, "hex"));
    assertEquals("yes", text(s, "flag"));
    assertEquals("", text(s, "empty"));
  }

  @Test
  void yamlNullIsAbsentButQuotedNullIsText() throws Exception {
    Snapshot s = load("a.yaml", "a: ~\nb: null\nc:\nd: 'null'\n");
    assertNull(s.find("a"));
    assertNull(s.find("b"));
    assertNull(s.find("c"));
    assertEquals("null", text(s, "d"));
  }

  @Test
  void plainDottedKeysNestQuotedOnesDoNot() throws Exception {
    Snapshot s = load("a.yaml", "server.port: 80\nserver:\n  host: h\nhosts:\n  'a.b.c': 1\n");
    assertEquals("80", text(s, "server.port"));
    assertEquals("h", text(s, "server.host"));
    Node.Mapping hosts = (Node.Mapping) s.find("hosts");
    assertEquals(Set.of("a.b.c"), hosts.entries().keySet());
  }

  @Test
  void duplicateKeysAreRefusedWithBothLines() {
    Problem p = problem("a.yaml", "a: 1\nb: 2\na: 3\n");
    assertEquals("a.yaml", Path.of(p.origin().file()).getFileName().toString());
    assertEquals(3, p.origin().line());
    assertTrue(p.message().contains("duplicate key 'a' (first at line 1)"), p.message());
    p = problem("b.yaml", "a.b: 1\na:\n  b: 2\n");
    assertTrue(p.message().contains("duplicate key 'a.b'"), p.message());
  }

  @Test
  void mergeKeysFillInWhatTheMappingDoesNotSay() throws Exception {
    Snapshot s = load("a.yaml", "base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\n");
    assertEquals("1", text(s, "use.x"));
    assertEquals("3", text(s, "use.y"));
  }

  @Test
  void globalTagsAreRefusedBeforeAnythingIsConstructed() {
    Problem p =
        problem(
            "a.yaml",
            "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                + " [\"http://localhost/\"]]]]\n");
    assertTrue(p.message().contains("Global tag is not allowed"), p.message());
  }

  @Test
  void localAndStandardTagsAreJustText() throws Exception {
    Snapshot s = load("a.yaml", "a: !!str 10\nb: !custom x\nc: !!int 7\n");
    assertEquals("10", text(s, "a"));
    assertEquals("x", text(s, "b"));
    assertEquals("7", text(s, "c"));
  }

  @Test
  void aliasBombsAndRecursionAreRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++)
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
      bomb.append("]\n");
    }
    Problem p = problem("bomb.yaml", bomb.toString());
    assertTrue(p.message().toLowerCase().contains("alias"), p.message());
    p = problem("rec.yaml", "a: &a\n  - *a\n");
    assertTrue(p.message().contains("recursive"), p.message());
  }

  @Test
  void syntaxErrorsNameFileAndLineWithoutQuotingTheFile() {
    Problem p = problem("a.yaml", "a: 1\nb: [1, 2\npassword: hunter2\n");
    assertEquals(3, p.origin().line());
    assertTrue(p.message().contains("while parsing a flow sequence at line 2"), p.message());
    assertTrue(!p.toString().contains("hunter2"), p.toString());
  }

  @Test
  void deepNestingIsRefused() {
    Problem p = problem("deep.yaml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
    assertTrue(p.message().toLowerCase().contains("nesting depth"), p.message());
  }

  @Test
  void theTopLevelMustBeAMapping() {
    assertTrue(problem("a.yaml", "- 1\n- 2\n").message().contains("top level must be a mapping"));
  }

  @Test
  void anEmptyFileIsRefusedACommentOnlyOneIsEmpty() throws Exception {
    assertTrue(problem("a.yaml", "").message().startsWith("is empty;"));
    assertTrue(problem("b.conf", "  \n").message().startsWith("is empty;"));
    assertNull(load("c.yaml", "# only a comment\n").find("a"));
  }

  @Test
  void byteOrderMarkIsAcceptedInvalidUtf8IsNot() throws Exception {
    Path bom = dir.resolve("bom.yaml");
    Files.write(bom, ("\uFEFFa: 1\n").getBytes(StandardCharsets.UTF_8));
    assertEquals("1", text(new Loader(List.of(ConfigFile.of(bom.toString()))).load(), "a"));
    Path bad = dir.resolve("bad.yaml");
    Files.write(bad, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    LoadException e =
        assertThrows(
            LoadException.class, () -> new Loader(List.of(ConfigFile.of(bad.toString()))).load());
    assertTrue(e.getMessage().contains("is not valid UTF-8"), e.getMessage());
  }

  @Test
  void unreadableFilesAreReportedByName() throws Exception {
    LoadException e =
        assertThrows(
            LoadException.class,
            () -> new Loader(List.of(ConfigFile.of(dir.resolve("none.yaml").toString()))).load());
    assertTrue(e.getMessage().endsWith("none.yaml: cannot read: no such file"), e.getMessage());
    Files.createDirectory(dir.resolve("d.yaml"));
    e =
        assertThrows(
            LoadException.class,
            () -> new Loader(List.of(ConfigFile.of(dir.resolve("d.yaml").toString()))).load());
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    ConfigFile big = file("big.yaml", "a: " + "x".repeat(100) + "\n");
    e =
        assertThrows(
            LoadException.class,
            () ->
                new Loader(
                        List.of(big),
                        new Limits(50, Limits.DEFAULT_PARSE_TIMEOUT, Limits.Includes.LOCAL, false))
                    .load());
    assertTrue(e.getMessage().contains("over the limit of 50 bytes"), e.getMessage());
  }

  @Test
  void everyBrokenFileIsReportedAtOnce() throws Exception {
    ConfigFile a = file("a.yaml", "a: [\n");
    ConfigFile b = file("b.conf", "b = {\n");
    LoadException e = assertThrows(LoadException.class, () -> new Loader(List.of(a, b)).load());
    assertEquals(2, e.problems().size(), e.getMessage());
  }

  @Test
  void hoconKeepsNumberTextAndResolvesSubstitutions() throws Exception {
    Snapshot s =
        load(
            "a.conf",
            "s { version = 1.10, n = 007, on = true }\nhost = h\nurl = \"http://\"${host}\n");
    assertEquals("1.10", text(s, "s.version"));
    assertEquals("007", text(s, "s.n"));
    assertEquals("true", text(s, "s.on"));
    assertEquals("http://h", text(s, "url"));
    assertEquals(1, s.find("s.n").origin().line());
  }

  @Test
  void hoconErrorsNameFileAndLine() {
    Problem p = problem("a.conf", "a = 1\nb = {\n");
    assertEquals("a.conf", Path.of(p.origin().file()).getFileName().toString());
    assertTrue(p.origin().line() > 0, p.toString());
    p = problem("b.conf", "a = ${missing}\n");
    assertTrue(p.message().contains("missing"), p.message());
  }

  @Test
  void jsonAndProperties() throws Exception {
    assertEquals("1.50", text(load("a.json", "{\"a\": {\"b\": 1.50}}"), "a.b"));
    assertEquals("x y", text(load("a.properties", "a.b=x y\n"), "a.b"));
  }

  @Test
  void layersMergeKeyByKey() throws Exception {
    ConfigFile base = file("base.yaml", "a:\n  x: 1\n  y: 2\nlist: [1, 2]\n");
    ConfigFile over = file("over.conf", "a.y = 3\nlist = [9]\n");
    Snapshot s = new Loader(List.of(base, over)).load();
    assertEquals("1", text(s, "a.x"));
    assertEquals("3", text(s, "a.y"));
    assertEquals(1, ((Node.Sequence) s.find("list")).items().size(), "lists are replaced whole");
  }

  @Test
  void changedKeysAreTheLeavesThatDiffer() throws Exception {
    Snapshot a = load("a.yaml", "a: {x: 1, y: 2}\nl: [1]\ngone: 1\n");
    Snapshot b = load("b.yaml", "a: {x: 1, y: 3}\nl: [1, 2]\nnew: 1\n");
    assertEquals(Set.of("a.y", "l", "gone", "new"), b.changedKeys(a));
    assertEquals(Set.of(), a.changedKeys(a));
  }
}
