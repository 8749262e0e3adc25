package dev.hotconf.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line as an operator runs it: {@code java -jar hotconf-agent.jar ARGS}. */
final class Cli {
  final int status;
  final String out;
  final String err;

  private Cli(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  static Cli run(Object... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(ForkedJvm.agentJar().toString());
    for (Object a : args) command.add(String.valueOf(a));
    Process p = new ProcessBuilder(command).start();
    // Small outputs: read both fully after exit would risk a full pipe only for huge ones.
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(ForkedJvm.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the command did not end: " + command);
    }
    return new Cli(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + status + "\nout: " + out + "\nerr: " + err;
  }
}
