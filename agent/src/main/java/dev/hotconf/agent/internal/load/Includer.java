package dev.hotconf.agent.internal.load;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HOCON includes under a policy: by default a file may include only files in the configuration's
 * directory or below, never {@code url(...)} (which would make a reload fetch from the network) nor
 * {@code classpath(...)}. Included files are read like configuration files — regular files only,
 * capped at {@code max-file-size}, never half written. A refused include rejects the reload with a
 * message naming the option that allows it.
 */
final class Includer
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
  /** Where {@code includes=local} lets includes reach: the configuration file's directory. */
  /** Includes nested deeper than this are refused (typesafe-config's own limit is 50). */
  static final int MAX_DEPTH = 50;

  private final Path root;

  /** The including file's directory: an unqualified include is relative to it. */
  private final Path base;

  private final Limits limits;

  /** The files being included, outermost first: one that appears twice is a cycle. */
  private final List<Path> chain;

  Includer(Path root, Path base, Limits limits) {
    this(root, base, limits, List.of());
  }

  private Includer(Path root, Path base, Limits limits, List<Path> chain) {
    this.root = root;
    this.base = base;
    this.limits = limits;
    this.chain = chain;
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  /**
   * {@code include "name"}: relative to the including file; without an extension, {@code
   * name.conf}, {@code name.json} and {@code name.properties} merge, as typesafe-config does. A
   * missing file is ignored, as HOCON specifies.
   */
  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    Path named = Path.of(what);
    Path path = named.isAbsolute() ? named : base.resolve(what);
    String[] candidates =
        hasExtension(what) ? new String[] {""} : new String[] {".properties", ".json", ".conf"};
    ConfigObject merged = null;
    for (String extension : candidates) {
      Path candidate = extension.isEmpty() ? path : Path.of(path + extension);
      if (!Files.exists(candidate)) continue;
      ConfigObject one = parse(context, candidate);
      merged = merged == null ? one : one.withFallback(merged);
    }
    if (merged != null) return merged;
    if (limits.includes == Limits.Includes.ALL) {
      return ConfigFactory.parseResourcesAnySyntax(
              what, context.parseOptions().setAllowMissing(true))
          .root();
    }
    return ConfigFactory.empty().root();
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    return parse(context, what.toPath().toAbsolutePath());
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    if (limits.includes != Limits.Includes.ALL) {
      throw new ConfigException.Generic(
          "include url(" + what + ") is refused; allow it with the agent option includes=all");
    }
    return ConfigFactory.parseURL(what, context.parseOptions()).root();
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    if (limits.includes != Limits.Includes.ALL) {
      throw new ConfigException.Generic(
          "include classpath("
              + what
              + ") is refused; allow it with the agent option includes=all");
    }
    return ConfigFactory.parseResources(what, context.parseOptions()).root();
  }

  /** Reads and parses one included file, its own includes relative to it. */
  private ConfigObject parse(ConfigIncludeContext context, Path file) {
    Path path = file.normalize();
    checkLocal(path);
    Path real = realPath(path);
    if (chain.contains(real) || chain.size() >= MAX_DEPTH) {
      throw new ConfigException.Generic(
          "include of '"
              + path
              + "' is refused: "
              + (chain.contains(real)
                  ? "it includes itself, through " + chain
                  : "nested too deep"));
    }
    List<Path> longer = new ArrayList<>(chain);
    longer.add(real);
    String shown = path.toString();
    String text;
    try {
      text = ConfigFile.decode(ConfigFile.readStable(path, shown, limits.maxBytes), shown);
    } catch (LoadException e) {
      throw new ConfigException.Generic(e.getMessage());
    }
    ConfigParseOptions options =
        context
            .parseOptions()
            .setAllowMissing(false)
            .setOriginDescription(shown)
            .setSyntax(syntaxOf(shown))
            .setIncluder(new Includer(root, HoconReader.realParent(path), limits, longer));
    return ConfigFactory.parseReader(new StringReader(text), options).root();
  }

  private static Path realPath(Path path) {
    try {
      return Files.exists(path) ? path.toRealPath() : path;
    } catch (IOException e) {
      return path;
    }
  }

  private void checkLocal(Path path) {
    if (limits.includes != Limits.Includes.LOCAL) return;
    if (!realPath(path).startsWith(root)) {
      throw new ConfigException.Generic(
          "include of '"
              + path
              + "' is refused: it is outside "
              + root
              + "; allow it with the agent option includes=files");
    }
  }

  private static boolean hasExtension(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".conf") || lower.endsWith(".json") || lower.endsWith(".properties");
  }

  private static ConfigSyntax syntaxOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) return ConfigSyntax.JSON;
    if (lower.endsWith(".properties")) return ConfigSyntax.PROPERTIES;
    return ConfigSyntax.CONF;
  }
}
