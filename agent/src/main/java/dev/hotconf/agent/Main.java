package dev.hotconf.agent;

import java.io.PrintStream;

/** {@code java -jar hotconf-agent.jar}: the command line tool. */
public final class Main {
  private Main() {}

  /**
   * Prints how to use the agent.
   *
   * @param args {@code --help}, {@code --version}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) System.exit(status);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.println("hotconf: reload a JVM application's @Reloadable fields with kill -HUP");
      out.println();
      out.println("Attach it at start:");
      out.println(
          "  java -javaagent:hotconf-agent.jar=config=app.yaml[,config=more.conf]"
              + "[,signals=HUP:USR1][,on-error=exit|warn] -jar app.jar");
      out.println("Reload:");
      out.println("  kill -HUP <pid>");
      out.println();
      out.println("Options:");
      out.println("  --help      this text");
      out.println("  --version   the agent's version");
      return 0;
    }
    if (args[0].equals("--version")) {
      String version = Main.class.getPackage().getImplementationVersion();
      out.println("hotconf " + (version == null ? "(development build)" : version));
      return 0;
    }
    err.println("hotconf: unknown command '" + args[0] + "'; try --help");
    return 2;
  }
}
