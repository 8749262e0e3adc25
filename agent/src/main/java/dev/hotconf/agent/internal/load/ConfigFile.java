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
import java.util.Locale;

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
   * Reads the whole file as strict UTF-8, a leading byte order mark removed.
   *
   * @throws LoadException if it cannot be read or is not UTF-8
   */
  String readText(long maxBytes) throws LoadException {
    checkReadable(maxBytes);
    Origin origin = new Origin(name, 0);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw fail(origin, "cannot read: no such file");
    } catch (AccessDeniedException e) {
      throw fail(origin, "cannot read: permission denied");
    } catch (IOException e) {
      throw fail(origin, "cannot read: " + e);
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
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static LoadException fail(Origin origin, String message) {
    return new LoadException(java.util.List.of(new Problem(origin, message)));
  }

  @Override
  public String toString() {
    return name;
  }
}
