package dev.hotconf.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import dev.hotconf.agent.HotconfAgent;
import org.junit.jupiter.api.Test;

/** The names the agent spells as constants are those of the classes themselves. */
class NamesTest {
  @Test
  void eachNameIsTheNameOfItsClass() {
    assertEquals(Reloadable.class.getName(), Names.RELOADABLE);
    assertEquals(OnReload.class.getName(), Names.ON_RELOAD);
    assertEquals(ReloadEvent.class.getName(), Names.RELOAD_EVENT);
    assertEquals(
        "L" + Reloadable.class.getName().replace('.', '/') + ";", Names.RELOADABLE_DESCRIPTOR);
    assertEquals(
        "L" + OnReload.class.getName().replace('.', '/') + ";", Names.ON_RELOAD_DESCRIPTOR);
    assertEquals(HotconfAgent.class.getPackageName() + ".", Names.AGENT_PACKAGE);
    assertEquals(Names.AGENT_PACKAGE.replace('.', '/'), Names.AGENT_PACKAGE_INTERNAL);
    assertEquals(
        Names.AGENT_PACKAGE + "internal." + Names.class.getSimpleName(), Names.class.getName());
  }
}
