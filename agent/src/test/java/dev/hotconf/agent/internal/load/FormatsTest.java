package dev.hotconf.agent.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON and properties readers: the text as written, and the line of every value. */
class FormatsTest {
  @TempDir Path dir;

  private Snapshot load(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return new Loader(List.of(ConfigFile.of(file.toString()))).load();
  }

  private Problem problem(String name, String text) {
    LoadException e = assertThrows(LoadException.class, () -> load(name, text));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  private static String text(Snapshot s, String path) {
    return ((Node.Scalar) s.find(path)).text();
  }

  @Test
  void jsonKeepsNumbersAsWrittenAndKnowsLines() throws Exception {
    Snapshot s =
        load(
            "a.json",
            "{\n  \"v\": 1.10,\n  \"big\": -12e+3,\n  \"flag\": true,\n  \"none\": null,\n"
                + "  \"s\": \"tab\\there \\u00e9\\\"\",\n  \"list\": [1, \"two\", {\"k\": []}],\n"
                + "  \"nested\": {\"x\": {}}\n}\n");
    assertEquals("1.10", text(s, "v"));
    assertEquals("-12e+3", text(s, "big"));
    assertEquals("true", text(s, "flag"));
    assertNull(s.find("none"));
    assertEquals("tab\there é\"", text(s, "s"));
    assertEquals(3, ((Node.Sequence) s.find("list")).items().size());
    assertEquals(7, s.find("list").origin().line());
    assertEquals(Set.of(), ((Node.Mapping) s.find("nested.x")).entries().keySet());
  }

  @Test
  void jsonMistakesNameTheirLine() {
    Problem duplicate = problem("d.json", "{\n\"a\": 1,\n\"a\": 2\n}");
    assertEquals(3, duplicate.origin().line());
    assertTrue(duplicate.message().contains("duplicate key 'a' (first at line 2)"));
    assertTrue(problem("t.json", "[1, 2]").message().contains("the top level must be an object"));
    Problem open = problem("o.json", "{\n\"a\": [1,\n");
    assertTrue(open.message().contains("unexpected end"), open.message());
    assertEquals(3, open.origin().line());
    assertTrue(problem("c.json", "{\"a\": 01}").message().contains("expected ','"));
    assertTrue(problem("x.json", "{\"a\": 1} x").message().contains("unexpected text after"));
    String deep = "{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertTrue(problem("deep.json", deep).message().contains("nesting is deeper than"));
  }

  @Test
  void escapesAreReadAsEachFormatDefinesThem() throws Exception {
    Snapshot json = load("e.json", "{\"s\": \"\\b\\f\\n\\r\\/\\\\\\u0041\"}");
    assertEquals("\b\f\n\r/\\A", text(json, "s"));
    assertTrue(problem("u.json", "{\"s\": \"\\u00g1\"}").message().contains("four hex"));
    assertTrue(problem("x.json", "{\"s\": \"\\x\"}").message().contains("unknown escape"));
    assertTrue(problem("end.json", "{\"s\": \"\\").message().contains("not closed"));

    Snapshot props = load("e.properties", "a=\\q\\r\\n\\u0041\nb=tail\\");
    assertEquals("q\r\nA", text(props, "a"), "an unknown escape stands for its character");
    assertEquals("tail", text(props, "b"), "a backslash at the end of the text is dropped");
    Problem bad = problem("u.properties", "one=1\nbad=\\u12\n");
    assertTrue(bad.message().contains("malformed \\uxxxx escape"), bad.message());
    assertEquals(2, bad.origin().line());
  }

  @Test
  void jsonKeysKeepTheirDots() throws Exception {
    Snapshot s = load("k.json", "{\"a.b\": 1, \"a\": {\"c\": 2}}");
    assertNull(s.find("a.b"), "a quoted key with a dot is not a path");
    assertEquals("2", text(s, "a.c"));
  }

  @Test
  void propertiesFollowJavaUtilPropertiesAndKnowLines() throws Exception {
    Snapshot s =
        load(
            "a.properties",
            "# comment\n! comment too\nserver.port = 8080\nserver.host:example.org\n"
                + "greeting   hello world\nlong = one \\\n     two\nescaped = a\\tb\\u00e9\\=\n"
                + "empty=\nserver.port=9090\n");
    assertEquals("9090", text(s, "server.port"), "a later line wins");
    assertEquals(10, s.find("server.port").origin().line());
    assertEquals("example.org", text(s, "server.host"));
    assertEquals("hello world", text(s, "greeting"));
    assertEquals("one two", text(s, "long"));
    assertEquals("a\tbé=", text(s, "escaped"));
    assertEquals("", text(s, "empty"));
    assertEquals(6, s.find("long").origin().line());
  }

  @Test
  void aPropertiesKeyAloneOnItsLineHasAnEmptyValue() throws Exception {
    Snapshot s = load("k.properties", "flag\nport=1\nesc\\=aped\r\nlast");
    assertEquals("", text(s, "flag"), "as java.util.Properties reads it");
    assertEquals("1", text(s, "port"));
    assertEquals(2, s.find("port").origin().line());
    assertEquals("", text(s, "esc=aped"));
    assertEquals("", text(s, "last"));
  }

  @Test
  void aPropertiesKeyThatIsAlsoAParentKeepsTheParent() throws Exception {
    Snapshot s = load("p.properties", "log=INFO\nlog.file=app.log\n");
    assertEquals("app.log", text(s, "log.file"));
    assertTrue(s.find("log") instanceof Node.Mapping);
  }
}
