package dev.hotconf.agent.internal.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/** One configuration file as the user named it, with the format its extension says. */
public final class ConfigFile {
  /** The two parsers; the extension picks one. */
  public enum Format {
    YAML,
    HOCON,
    JSON,
    PROPERTIES
  }

  private final String name;
  private final Path path;
  private final Format format;

  private ConfigFile(String name, Path path, Format format) {
    this.name = name;
    this.path = path;
    this.format = format;
  }

  /**
   * The file named {@code name}, relative names resolved against the working directory now.
   *
   * @throws IllegalArgumentException if the extension names no supported format
   */
  public static ConfigFile of(String name) {
    return new ConfigFile(name, Path.of(name).toAbsolutePath().normalize(), formatOf(name));
  }

  static Format formatOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return Format.YAML;
    if (lower.endsWith(".conf")) return Format.HOCON;
    if (lower.endsWith(".json")) return Format.JSON;
    if (lower.endsWith(".properties")) return Format.PROPERTIES;
    throw new IllegalArgumentException(
        "cannot tell the format of '"
            + name
            + "': name it .yaml or .yml (YAML), .conf (HOCON), .json or .properties");
  }

  /** The name as the user gave it: what every message shows. */
  public String name() {
    return name;
  }

  public Path path() {
    return path;
  }

  public Format format() {
    return format;
  }

  /**
   * Checks that the file is a readable regular file within {@code maxBytes}.
   *
   * @throws LoadException naming the file and the fix
   */
  void checkReadable(long maxBytes) throws LoadException {
    Origin origin = new Origin(name, 0);
    try {
      if (Files.isDirectory(path)) {
        throw fail(origin, "is a directory, not a configuration file");
      }
      long size = Files.size(path);
      if (size > maxBytes) {
        throw fail(origin, "is " + size + " bytes, over the limit of " + maxBytes + " bytes");
      }
    } catch (NoSuchFileException e) {
      throw fail(origin, "cannot read: no such file");
    } catch (IOException e) {
      throw fail(origin, "cannot read: " + e);
    }
    if (!Files.isReadable(path)) {
      throw fail(origin, "cannot read: permission denied");
    }
  }

  /**
   * Reads the whole file as strict UTF-8, a leading byte order mark removed. A file that changes
   * while it is read (a writer still at work) is read again, a few times, and refused if it keeps
   * changing: half a file is never returned. An empty file is refused too: it would put every field
   * back to its default, and is more often a truncated write than an intent.
   *
   * @throws LoadException if it cannot be read, is empty, keeps changing or is not UTF-8
   */
  String readText(long maxBytes) throws LoadException {
    Origin origin = new Origin(name, 0);
    awaitQuiet(origin);
    byte[] bytes = null;
    for (int attempt = 0; bytes == null; attempt++) {
      checkReadable(maxBytes);
      Object before = stamp();
      byte[] read = readBytes(origin);
      if (before != null && before.equals(stamp())) {
        bytes = read;
      } else if (attempt == STABLE_READ_ATTEMPTS) {
        throw fail(
            origin,
            "keeps changing while it is read (a writer at work?); reload again once it is written,"
                + " or write it to a temporary file and rename it");
      } else {
        sleep();
      }
    }
    if (bytes.length > maxBytes) {
      throw fail(origin, "is " + bytes.length + " bytes, over the limit of " + maxBytes + " bytes");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw fail(origin, "is not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    if (text.isBlank()) {
      throw fail(
          origin,
          "is empty; that would put every field back to its default: write {} if that is meant");
    }
    return text;
  }

  private static final int STABLE_READ_ATTEMPTS = 5;

  /** A file modified this recently may still be being written: wait for it to settle. */
  static final long SETTLE_MILLIS = 100;

  /** How long to wait for a file that is being written before refusing it. */
  static final long MAX_SETTLE_WAIT_MILLIS = 3_000;

  /**
   * Waits until the file has not been modified for {@link #SETTLE_MILLIS}: a writer that pauses
   * between chunks would otherwise have half its file read. (Writing to a temporary file and
   * renaming it is the way to be sure; this covers the writers that do not.)
   */
  private void awaitQuiet(Origin origin) throws LoadException {
    long deadline = System.currentTimeMillis() + MAX_SETTLE_WAIT_MILLIS;
    while (true) {
      long modified;
      try {
        modified = Files.getLastModifiedTime(path).toMillis();
      } catch (IOException e) {
        return; // reading it will say what is wrong
      }
      long now = System.currentTimeMillis();
      long age = now - modified;
      if (age >= SETTLE_MILLIS || age < -1_000) return; // settled, or a clock from elsewhere
      if (now > deadline) {
        throw fail(
            origin,
            "keeps changing (a writer at work?); reload again once it is written, or write it to"
                + " a temporary file and rename it");
      }
      try {
        Thread.sleep(SETTLE_MILLIS - Math.max(age, 0));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail(origin, "interrupted");
      }
    }
  }

  /** Size and modification time: what changes when a writer is at work. */
  private Object stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private byte[] readBytes(Origin origin) throws LoadException {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw fail(origin, "cannot read: no such file");
    } catch (AccessDeniedException e) {
      throw fail(origin, "cannot read: permission denied");
    } catch (IOException e) {
      throw fail(origin, "cannot read: " + e);
    }
  }

  private static void sleep() throws LoadException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException(java.util.List.of(new Problem(null, "interrupted")));
    }
  }

  /**
   * A file others can write, or owned by someone other than this process's user or root, lets them
   * change the application's configuration: the problem, or {@code null} if there is none.
   */
  String permissionProblem() {
    try {
      PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class);
      Set<PosixFilePermission> p = a.permissions();
      if (p.contains(PosixFilePermission.GROUP_WRITE)
          || p.contains(PosixFilePermission.OTHERS_WRITE)) {
        return "is writable by "
            + (p.contains(PosixFilePermission.OTHERS_WRITE) ? "every user" : "its group")
            + " ("
            + PosixFilePermissions.toString(p)
            + "), who could change this application's configuration; chmod go-w "
            + name;
      }
      String owner = a.owner().getName();
      String user = System.getProperty("user.name");
      if (!owner.equals(user) && !owner.equals("root")) {
        return "is owned by "
            + owner
            + ", not by "
            + user
            + " or root, who could change this application's configuration";
      }
      return null;
    } catch (UnsupportedOperationException | IOException e) {
      return null; // not a POSIX file system, or gone: reading it will say
    }
  }

  private static LoadException fail(Origin origin, String message) {
    return new LoadException(java.util.List.of(new Problem(origin, message)));
  }

  @Override
  public String toString() {
    return name;
  }
}
