package dev.hotconf.agent.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files are untrusted input: each hostile one is refused with a clear problem. */
class HostileInputTest {
  @TempDir Path dir;

  private ConfigFile write(String name, String text) throws Exception {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
    return ConfigFile.of(path.toString());
  }

  private String refused(Limits limits, ConfigFile... files) {
    LoadException e =
        assertThrows(LoadException.class, () -> new Loader(List.of(files), limits).load());
    return e.getMessage();
  }

  private String refused(ConfigFile... files) {
    return refused(Limits.DEFAULTS, files);
  }

  @Test
  void includesReachOnlyBesideTheConfigurationUnlessAllowed() throws Exception {
    write("conf/local.conf", "a = 1\n");
    write("outside.conf", "b = 2\n");
    ConfigFile local = write("conf/app.conf", "include \"local.conf\"\n");
    assertEquals("1", ((Node.Scalar) new Loader(List.of(local)).load().find("a")).text());
    ConfigFile outside =
        write("conf/out.conf", "include file(\"" + dir.resolve("outside.conf") + "\")\n");
    assertTrue(refused(outside).contains("is refused: it is outside"), refused(outside));
    assertTrue(refused(outside).contains("includes=files"));
    Limits files = new Limits(1 << 20, Duration.ofSeconds(10), Limits.Includes.FILES, false);
    assertEquals("2", ((Node.Scalar) new Loader(List.of(outside), files).load().find("b")).text());

    ConfigFile url = write("conf/url.conf", "include url(\"http://127.0.0.1:9/x.conf\")\n");
    assertTrue(
        refused(url).contains("include url(http://127.0.0.1:9/x.conf) is refused"), refused(url));
    assertTrue(refused(files, url).contains("includes=all"));
    ConfigFile cp = write("conf/cp.conf", "include classpath(\"reference.conf\")\n");
    assertTrue(refused(cp).contains("include classpath(reference.conf) is refused"), refused(cp));
  }

  @Test
  void cyclicIncludesAreRefusedMissingOnesIgnored() throws Exception {
    write("conf/a.conf", "include \"b.conf\"\nx = 1\n");
    write("conf/b.conf", "include \"a.conf\"\ny = 1\n");
    ConfigFile cyclic = write("conf/main.conf", "include \"a.conf\"\n");
    assertTrue(refused(cyclic).toLowerCase().contains("include"), refused(cyclic));
    ConfigFile missing = write("conf/m.conf", "include \"nowhere.conf\"\nz = 1\n");
    assertEquals("1", ((Node.Scalar) new Loader(List.of(missing)).load().find("z")).text());
  }

  @Test
  void substitutionsThatMultiplyAndDeepNestingAreRefused() throws Exception {
    StringBuilder doubling = new StringBuilder("l0 = [1, 2]\n");
    for (int i = 1; i <= 20; i++) {
      doubling
          .append("l")
          .append(i)
          .append(" = ${l")
          .append(i - 1)
          .append("} ${l")
          .append(i - 1)
          .append("}\n");
    }
    Limits twoSeconds = new Limits(1 << 20, Duration.ofSeconds(2), Limits.Includes.LOCAL, false);
    String message = refused(twoSeconds, write("double.conf", doubling.toString()));
    assertTrue(
        message.contains("more than 1000000 values") || message.contains("parsing took longer"),
        message);

    assertTrue(refused(write("deep.conf", "a = " + "[".repeat(10_000))).contains("deep.conf"));
    assertTrue(
        refused(write("deep.json", "{\"a\": " + "[".repeat(10_000) + "}")).contains("deep.json"));

    StringBuilder chain = new StringBuilder("a = [0]\n");
    for (int i = 0; i < 10_000; i++) chain.append("a += ").append(i).append('\n');
    // Either it parses (10,001 elements) or it is refused cleanly: never an error escaping.
    try {
      new Loader(List.of(write("chain.conf", chain.toString())), twoSeconds).load();
    } catch (LoadException e) {
      assertTrue(
          e.getMessage().contains("chain.conf") || e.getMessage().contains("parsing"),
          e.getMessage());
    }
    assertTrue(refused(write("unresolved.conf", "a = ${nowhere}\n")).contains("nowhere"));
  }

  @Test
  void parsingRunsUnderADeadline() throws Exception {
    StringBuilder doubling = new StringBuilder("l0 = [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for (int i = 1; i <= 17; i++) {
      doubling
          .append("l")
          .append(i)
          .append(" = ${l")
          .append(i - 1)
          .append("} ${l")
          .append(i - 1)
          .append("}\n");
    }
    Limits quick = new Limits(1 << 20, Duration.ofMillis(50), Limits.Includes.LOCAL, false);
    String message = refused(quick, write("slow.conf", doubling.toString()));
    assertTrue(
        message.contains("parsing took longer than 50 ms") || message.contains("still runs"),
        message);
  }

  @Test
  void hoconIsStrictUtf8AndAcceptsAByteOrderMark() throws Exception {
    Path bad = dir.resolve("bad.conf");
    Files.write(bad, new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28, '\n'});
    assertTrue(refused(ConfigFile.of(bad.toString())).contains("is not valid UTF-8"));
    Path bom = dir.resolve("bom.conf");
    Files.write(bom, "\uFEFFa = 1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "1",
        ((Node.Scalar) new Loader(List.of(ConfigFile.of(bom.toString()))).load().find("a")).text());
  }

  @Test
  void aFileOthersCanWriteIsWarnedAboutAndRefusedWhenStrict() throws Exception {
    ConfigFile loose = write("loose.yaml", "a: 1\n");
    Files.setPosixFilePermissions(loose.path(), PosixFilePermissions.fromString("rw-rw-rw-"));
    assertTrue(loose.permissionProblem().startsWith("is writable by every user (rw-rw-rw-)"));
    assertEquals("1", ((Node.Scalar) new Loader(List.of(loose)).load().find("a")).text());
    Limits strict = new Limits(1 << 20, Duration.ofSeconds(10), Limits.Includes.LOCAL, true);
    assertTrue(refused(strict, loose).contains("(refused: strict=true)"));
    Files.setPosixFilePermissions(loose.path(), PosixFilePermissions.fromString("rw-r-----"));
    assertEquals(null, loose.permissionProblem());
  }

  @Test
  void tooLargeFilesAreRefusedBeforeParsing() throws Exception {
    ConfigFile big = write("big.yaml", "a: " + "x".repeat(2_000) + "\n");
    Limits small = new Limits(1_000, Duration.ofSeconds(10), Limits.Includes.LOCAL, false);
    assertTrue(refused(small, big).contains("over the limit of 1000 bytes"));
  }
}
