package dev.hotconf.agent.internal.load;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HOCON (and JSON or properties files that HOCON includes) through typesafe-config, from the
 * text the loader read (never {@code ConfigFactory.load()}, whose caches would hide an edit, and
 * never by letting the library open the file, which would read it a second time, unchecked), and
 * resolves its substitutions. Includes go through the {@link Includer}, which reads files the same
 * careful way. Numbers keep the text the user wrote.
 */
final class HoconReader {
  private int nodes;

  private HoconReader() {}

  static Node.Mapping read(ConfigFile file, String text, Limits limits) throws LoadException {
    Path dir = realParent(file.path());
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF) // JSON and properties have readers of their own
            .setAllowMissing(false)
            .setOriginDescription(file.name())
            .setIncluder(new Includer(dir, dir, limits));
    try {
      ConfigObject root =
          ConfigFactory.parseReader(new StringReader(text), options)
              .resolve(ConfigResolveOptions.defaults())
              .root();
      return (Node.Mapping) new HoconReader().convert(root, file.name());
    } catch (ConfigException e) {
      ConfigOrigin origin = e.origin();
      String message = String.valueOf(e.getMessage());
      // typesafe-config prefixes the origin itself; keep one copy, ours.
      if (origin != null && message.startsWith(origin.description() + ": ")) {
        message = message.substring(origin.description().length() + 2);
      }
      throw LoadException.at(originOf(origin, file.name()), message);
    } catch (StackOverflowError e) {
      throw LoadException.inFile(file.name(), "nesting is too deep to parse");
    }
  }

  /** The directory of {@code file}, symbolic links resolved where possible. */
  static Path realParent(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir;
    }
  }

  private Node convert(ConfigValue value, String file) throws LoadException {
    Origin origin = originOf(value.origin(), file);
    if (++nodes > YamlReader.MAX_NODES) {
      throw LoadException.at(
          origin,
          "more than " + YamlReader.MAX_NODES + " values (a substitution that multiplies a list?)");
    }
    switch (value.valueType()) {
      case OBJECT:
        LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) value).entrySet()) {
          entries.put(e.getKey(), convert(e.getValue(), file));
        }
        return Node.Mapping.owning(entries, origin);
      case LIST:
        List<Node> items = new ArrayList<>();
        for (ConfigValue item : (ConfigList) value) items.add(convert(item, file));
        return new Node.Sequence(items, origin);
      case NULL:
        return new Node.Scalar(null, origin);
      case STRING:
        return new Node.Scalar((String) value.unwrapped(), origin);
      default: // NUMBER, BOOLEAN: getString gives the text as written ("1.10"), render() "1.1"
        return new Node.Scalar(value.atKey("v").getString("v"), origin);
    }
  }

  private static Origin originOf(ConfigOrigin origin, String file) {
    if (origin == null) return new Origin(file, 0);
    String name = origin.filename() != null ? origin.filename() : origin.description();
    if (name == null || origin.description() != null && origin.description().startsWith(file)) {
      name = file;
    } else {
      // an included file: its description is "path: line" or "path"
      int colon = name.lastIndexOf(": ");
      if (colon > 0 && origin.lineNumber() > 0) name = name.substring(0, colon);
    }
    return new Origin(name, Math.max(origin.lineNumber(), 0));
  }
}
