package dev.hotconf.agent.internal.bind;

import dev.hotconf.OnReload;
import dev.hotconf.Reloadable;
import java.util.List;

/** A class for {@link InstrumenterTest} to instrument. */
class Sample {
  @Reloadable("list")
  static final List<String> LIST = List.of("x");

  @Reloadable("constant")
  static final int CONSTANT = 5;

  @Reloadable("name")
  final String name;

  int plain;

  Sample() {
    this(new StringBuilder("a").append(new Object()).toString());
  }

  Sample(String name) {
    super();
    this.name = name;
  }

  @OnReload
  static void reloaded() {}
}
