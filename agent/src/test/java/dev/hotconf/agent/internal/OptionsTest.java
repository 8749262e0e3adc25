package dev.hotconf.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void defaults() {
    Options o = Options.parse("config=app.yaml");
    assertEquals(List.of("app.yaml"), names(o));
    assertEquals(List.of("HUP", "USR1"), o.signals());
    assertEquals(Options.OnError.EXIT, o.onError());
  }

  @Test
  void repeatedConfigKeepsOrderAndFormatsComeFromExtensions() {
    Options o =
        Options.parse(
            "config=a.yml, config=b.conf,config=c.json,config=d.properties,config=e.YAML");
    assertEquals(List.of("a.yml", "b.conf", "c.json", "d.properties", "e.YAML"), names(o));
    assertEquals(
        List.of(
            ConfigFile.Format.YAML,
            ConfigFile.Format.HOCON,
            ConfigFile.Format.JSON,
            ConfigFile.Format.PROPERTIES,
            ConfigFile.Format.YAML),
        o.files().stream().map(ConfigFile::format).collect(Collectors.toList()));
  }

  @Test
  void signalsAndOnError() {
    Options o = Options.parse("config=a.yaml,signals=usr1:SIGHUP,on-error=warn");
    assertEquals(List.of("USR1", "HUP"), o.signals());
    assertEquals(Options.OnError.WARN, o.onError());
    assertEquals(List.of(), Options.parse("config=a.yaml,signals=none").signals());
  }

  @Test
  void mistakesNameTheOptionAndWhatIsAccepted() {
    assertMessage("no configuration file: add config=PATH", null);
    assertMessage("no configuration file: add config=PATH", "signals=HUP");
    assertMessage(
        "unknown agent option 'conf'; accepted options: config, signals, on-error, watch, pidfile,"
            + " verbose, jmx, strict, includes, max-file-size, parse-timeout, callback-timeout",
        "conf=a.yaml");
    assertMessage("agent option 'verbose' has no value", "config=a.yaml,verbose");
    assertMessage("USR2 belongs to the JVM itself", "config=a.yaml,signals=USR2");
    assertMessage(
        "'INT' is not a reload signal; accepted: HUP, USR1", "config=a.yaml,signals=HUP:INT");
    assertMessage(
        "on-error=maybe: accepted values are exit (the default) and warn",
        "config=a.yaml,on-error=maybe");
    assertMessage("config=a.txt: cannot tell the format of 'a.txt'", "config=a.txt");
    assertMessage("signals= is given twice", "config=a.yaml,signals=HUP,signals=USR1");
    assertMessage("empty agent option", "config=a.yaml,,signals=HUP");
  }

  @Test
  void everyOptionButConfigIsRefusedTwiceAndTakesItsDefault() {
    for (Options.Option o : Options.Option.values()) {
      if (o.repeatable()) continue;
      String value = o.defaultValue != null ? o.defaultValue : "/tmp/x.pid";
      assertMessage(
          o.key + "= is given twice",
          "config=a.yaml," + o.key + "=" + value + "," + o.key + "=" + value);
    }
    Options o = Options.parse("config=a.yaml");
    assertEquals(Limits.DEFAULTS.maxBytes(), o.limits().maxBytes());
    assertEquals(Limits.DEFAULTS.parseTimeout(), o.limits().parseTimeout());
    assertEquals(Limits.DEFAULTS.includes(), o.limits().includes());
    assertEquals(Limits.DEFAULTS.strict(), o.limits().strict());
    assertEquals(Duration.ofSeconds(10), o.callbackTimeout());
  }

  @Test
  void durationsAndSizesReadLikeConfigurationValues() {
    Options o =
        Options.parse("config=a.yaml,callback-timeout=1m,parse-timeout=1.5s,max-file-size=512k");
    assertEquals(Duration.ofMinutes(1), o.callbackTimeout());
    assertEquals(Duration.ofMillis(1500), o.limits().parseTimeout());
    assertEquals(512 * 1024, o.limits().maxBytes());
    assertEquals(
        Duration.ofSeconds(30),
        Options.parse("config=a.yaml,callback-timeout=PT30S").callbackTimeout());
    assertMessage(
        "callback-timeout=0s: use a positive duration", "config=a.yaml,callback-timeout=0s");
    assertMessage("max-file-size=lots: use a positive size", "config=a.yaml,max-file-size=lots");
  }

  /** The README's table is the one the options declare: they cannot drift apart. */
  @Test
  void theReadmeShowsEveryOptionAsDeclared() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    assertTrue(
        text.contains(Options.markdownTable()),
        "README.md must contain this table (copy it from Options.markdownTable()):\n"
            + Options.markdownTable());
  }

  private static void assertMessage(String expected, String args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Options.parse(args));
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains(expected), "message: " + e.getMessage());
  }

  private static List<String> names(Options o) {
    return o.files().stream().map(ConfigFile::name).collect(Collectors.toList());
  }
}
