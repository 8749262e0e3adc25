package dev.hotconf.agent;

import dev.hotconf.agent.cli.HotconfCommand;

/** {@code java -jar hotconf-agent.jar COMMAND}: the command line tool. */
public final class Main {
  private Main() {}

  /**
   * Runs a command: {@code reload}, {@code check}, {@code status}, {@code attach}.
   *
   * @param args the command and its arguments; {@code --help} for all of them
   */
  public static void main(String[] args) {
    System.exit(HotconfCommand.run(args));
  }
}
