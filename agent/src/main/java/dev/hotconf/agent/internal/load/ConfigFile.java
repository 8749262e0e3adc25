package dev.hotconf.agent.internal.load;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Objects;
import java.util.Set;

/**
 * One configuration file as the user named it, with the format its extension says, and the one way
 * the agent reads any file: only a regular file (after following symbolic links), never more than
 * {@code max-file-size} bytes whatever the file claims, strict UTF-8, and never half of a file that
 * changes while it is read.
 */
public final class ConfigFile {
  /** The formats, by extension: YAML, and the HOCON family (HOCON, JSON, Java properties). */
  public enum Format {
    YAML,
    HOCON,
    JSON,
    PROPERTIES;

    /**
     * The format a file's extension names.
     *
     * @throws IllegalArgumentException naming the extensions accepted
     */
    public static Format of(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return YAML;
      if (lower.endsWith(".conf")) return HOCON;
      if (lower.endsWith(".json")) return JSON;
      if (lower.endsWith(".properties")) return PROPERTIES;
      throw new IllegalArgumentException(
          "cannot tell the format of '"
              + name
              + "': name it .yaml or .yml (YAML), .conf (HOCON), .json or .properties");
    }
  }

  /** How often a file that changes while it is read is read again before it is refused. */
  static final int STABLE_READ_ATTEMPTS = 8;

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

  /**
   * A candidate for {@code replaced}, as {@code check --pid} plans it: its own extension's format,
   * or the replaced file's when its name says none ({@code app.yaml.new}).
   */
  public static ConfigFile replacing(String name, ConfigFile replaced) {
    Format format;
    try {
      format = formatOf(name);
    } catch (IllegalArgumentException e) {
      format = replaced.format;
    }
    return new ConfigFile(name, Path.of(name).toAbsolutePath().normalize(), format);
  }

  static Format formatOf(String name) {
    return Format.of(name);
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
   * Reads the whole file as strict UTF-8, a leading byte order mark removed. The file is read at
   * once — an explicit reload says it is ready — but one that changes while it is read (size,
   * modification time or file key move between before and after) is read again, and refused if it
   * keeps changing: half a file is never returned. An empty file is refused too: it would put every
   * field back to its default, and is more often a truncated write than an intent.
   *
   * @throws LoadException naming the file and the fix
   */
  String readText(long maxBytes) throws LoadException {
    byte[] bytes = readStable(path, name, maxBytes);
    String text = decode(bytes, name);
    if (text.isBlank()) {
      throw LoadException.inFile(
          name,
          "is empty; that would put every field back to its default: write {} if that is meant");
    }
    return text;
  }

  /**
   * Reads any file the agent reads (a configuration file, an included one, a pidfile): a regular
   * file, at most {@code maxBytes}, not changing while it is read. Nothing that is not a regular
   * file is ever opened, so a FIFO cannot block the reader, nor a device flood it.
   *
   * @param shown how messages name the file
   */
  public static byte[] readStable(Path path, String shown, long maxBytes) throws LoadException {
    for (int attempt = 0; attempt < STABLE_READ_ATTEMPTS; attempt++) {
      BasicFileAttributes before = regularFile(path, shown, maxBytes);
      byte[] bytes = readCapped(path, shown, maxBytes);
      BasicFileAttributes after = attributes(path, shown);
      if (bytes.length == after.size() && same(before, after)) return bytes;
    }
    throw LoadException.inFile(
        shown,
        "keeps changing while it is read (a writer at work?); reload again once it is written,"
            + " or write it to a temporary file and rename it");
  }

  private static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
    return a.size() == b.size()
        && a.lastModifiedTime().equals(b.lastModifiedTime())
        && Objects.equals(a.fileKey(), b.fileKey());
  }

  /**
   * The file's attributes once it is known to be a regular file within the limit: a FIFO would
   * block the read forever, and a device reports size 0 while it never ends.
   */
  static BasicFileAttributes regularFile(Path path, String shown, long maxBytes)
      throws LoadException {
    BasicFileAttributes a = attributes(path, shown);
    if (!a.isRegularFile()) {
      throw LoadException.inFile(
          shown,
          "is "
              + kindOf(path, a)
              + ", not a regular file: hotconf reads only regular files (a symbolic link to one"
              + " is fine)");
    }
    if (a.size() > maxBytes) {
      throw LoadException.inFile(
          shown,
          "is "
              + a.size()
              + " bytes, over the limit of "
              + maxBytes
              + " bytes (the agent option max-file-size)");
    }
    return a;
  }

  private static BasicFileAttributes attributes(Path path, String shown) throws LoadException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (Files.isSymbolicLink(path)) {
        String target;
        try {
          target = Files.readSymbolicLink(path).toString();
        } catch (IOException | RuntimeException x) {
          target = "?";
        }
        throw LoadException.inFile(
            shown, "cannot read: it is a symbolic link to " + target + ", which does not exist");
      }
      throw LoadException.inFile(shown, "cannot read: no such file");
    } catch (AccessDeniedException e) {
      throw LoadException.inFile(shown, "cannot read: permission denied");
    } catch (IOException e) {
      throw LoadException.inFile(shown, "cannot read: " + e);
    }
  }

  /** What a path that is not a regular file is: a directory, a FIFO, a socket, a device. */
  private static String kindOf(Path path, BasicFileAttributes a) {
    if (a.isDirectory()) return "a directory";
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      switch (mode & 0170000) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0140000:
          return "a socket";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        default:
          break;
      }
    } catch (IOException | RuntimeException e) {
      // no unix attribute view: say what is sure
    }
    return "a special file";
  }

  /** At most {@code maxBytes + 1} bytes, whatever the file's size says. */
  private static byte[] readCapped(Path path, String shown, long maxBytes) throws LoadException {
    int cap = (int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(cap);
    } catch (NoSuchFileException e) {
      throw LoadException.inFile(shown, "cannot read: no such file");
    } catch (AccessDeniedException e) {
      throw LoadException.inFile(shown, "cannot read: permission denied");
    } catch (IOException e) {
      throw LoadException.inFile(shown, "cannot read: " + e);
    }
    if (bytes.length > maxBytes) {
      throw LoadException.inFile(
          shown, "is over the limit of " + maxBytes + " bytes (the agent option max-file-size)");
    }
    return bytes;
  }

  /** Strict UTF-8, a byte order mark dropped. */
  static String decode(byte[] bytes, String shown) throws LoadException {
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
      throw LoadException.inFile(shown, "is not valid UTF-8");
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
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

  @Override
  public String toString() {
    return name;
  }
}
