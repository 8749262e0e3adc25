package dev.hotconf.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Type=notify-reload}: the agent talks to the socket named by {@code NOTIFY_SOCKET} as
 * systemd expects. A small receiver stands in for systemd: it binds a Unix datagram socket and
 * prints each message with its own CLOCK_MONOTONIC reading.
 */
class SystemdIT {
  private static final String RECEIVER =
      String.join(
          "\n",
          "import socket, sys, time",
          "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
          "s.bind(sys.argv[1])",
          "print('BOUND', flush=True)",
          "while True:",
          "    d = s.recv(65536).decode()",
          "    print('MSG ' + repr(d) + ' AT ' + str(time.monotonic_ns() // 1000), flush=True)");

  private static final Pattern USEC = Pattern.compile("MONOTONIC_USEC=(\\d+)' AT (\\d+)");

  static List<Path> jdks() {
    return Jdks.all();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void readyReloadingAndReadyWithTheOutcome(Path jdk, @TempDir Path dir) throws Exception {
    Path socket = dir.resolve("notify.sock");
    try (ForkedJvm receiver =
        ForkedJvm.start(List.of("python3", "-u", "-c", RECEIVER, socket.toString()))) {
      receiver.awaitOutput("BOUND", 1);
      Path config = dir.resolve("app.yaml");
      Files.writeString(config, "s:\n  string: one\n");
      Path state = dir.resolve("state.properties");
      List<String> command =
          ForkedJvm.command(
              jdk,
              "config=" + config,
              List.of(),
              "dev.hotconf.it.host.TypesHost",
              state.toString());
      try (ForkedJvm jvm = ForkedJvm.start(command, Map.of("NOTIFY_SOCKET", socket.toString()))) {
        Host host = Host.attach(jvm, config, state);
        receiver.awaitOutput("MSG 'READY=1\\nSTATUS=hotconf: generation 1 (sha256:", 1);

        host.write("s:\n  string: two\n");
        jvm.signal("HUP");
        String out =
            receiver.awaitMatch(
                "MSG 'READY=1\\\\nSTATUS=hotconf: applied: generation 2 "
                    + ForkedJvm.SHORT_HASH
                    + ", 1 key changed \\(s.string\\)",
                1);
        Matcher m = USEC.matcher(out);
        assertTrue(m.find(), "RELOADING=1 with MONOTONIC_USEC came first: " + out);
        assertTrue(out.indexOf("RELOADING=1") < out.indexOf("generation 2"), out);
        long sent = Long.parseLong(m.group(1));
        long received = Long.parseLong(m.group(2));
        assertTrue(
            received >= sent && received - sent < 10_000_000,
            "MONOTONIC_USEC is CLOCK_MONOTONIC: sent " + sent + ", received " + received);

        host.write("s:\n  int: nope\n");
        jvm.signal("HUP");
        out = receiver.awaitOutput("STATUS=hotconf: rejected: ", 1);
        assertEquals(2, ForkedJvm.count(out, "RELOADING=1"), out);
      }
    }
  }
}
