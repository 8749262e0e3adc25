package dev.hotconf.agent.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subPath check without a mount namespace: mountinfo's fields and the match on a file. */
class SingleFileMountsTest {
  @TempDir Path dir;

  @Test
  void mountinfoGivesEachMountPointWithItsEscapesDecoded() {
    String mountinfo =
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
            + "611 22 0:52 /..2024_data/app.yaml /etc/my\\040app/app.yaml ro - overlay x ro\n"
            + "612 22 0:53 / /proc rw - proc proc rw\n";
    assertEquals(
        List.of("/", "/etc/my app/app.yaml", "/proc"), SingleFileMounts.mountPoints(mountinfo));
  }

  @Test
  void aRegularFileThatIsAMountPointIsOneAndItsNeighbourIsNot() throws Exception {
    Path mounted = Files.writeString(dir.resolve("app.yaml"), "a: 1\n");
    Path neighbour = Files.writeString(dir.resolve("other.yaml"), "a: 1\n");
    List<String> points = List.of("/", mounted.toRealPath().toString());
    assertTrue(SingleFileMounts.isMountPoint(mounted, points));
    assertFalse(SingleFileMounts.isMountPoint(neighbour, points));
    assertFalse(
        SingleFileMounts.isMountPoint(dir, List.of(dir.toRealPath().toString())),
        "a directory mount is the way to mount a ConfigMap");
  }
}
