package dev.hotconf.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hotconf.agent.internal.load.ConfigFile;
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
        "unknown agent option 'conf'; accepted options: config, signals, on-error, watch, pidfile, verbose, jmx",
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
