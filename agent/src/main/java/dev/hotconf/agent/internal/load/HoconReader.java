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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads HOCON, JSON and {@code .properties} files through typesafe-config, parsing the file itself
 * (never {@code ConfigFactory.load()}, whose caches would hide an edit) and resolving its
 * substitutions. Numbers keep the text the user wrote.
 */
final class HoconReader {
  private int nodes;

  private HoconReader() {}

  static Node.Mapping read(ConfigFile file, Limits.Includes includes) throws LoadException {
    Path dir = file.path().getParent();
    try {
      dir = dir.toRealPath();
    } catch (IOException e) {
      // checked readable just before; keep the path as given
    }
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setSyntax(syntaxOf(file.format()))
            .setAllowMissing(false)
            .setOriginDescription(file.name())
            .setIncluder(new Includer(dir, includes));
    try {
      ConfigObject root =
          ConfigFactory.parseFile(file.path().toFile(), options)
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
      throw new LoadException(List.of(new Problem(originOf(origin, file.name()), message)));
    } catch (StackOverflowError e) {
      throw new LoadException(
          List.of(new Problem(new Origin(file.name(), 0), "nesting is too deep to parse")));
    }
  }

  private static ConfigSyntax syntaxOf(ConfigFile.Format format) {
    switch (format) {
      case JSON:
        return ConfigSyntax.JSON;
      case PROPERTIES:
        return ConfigSyntax.PROPERTIES;
      default:
        return ConfigSyntax.CONF;
    }
  }

  private Node convert(ConfigValue value, String file) throws LoadException {
    Origin origin = originOf(value.origin(), file);
    if (++nodes > YamlReader.MAX_NODES) {
      throw new LoadException(
          List.of(
              new Problem(
                  origin,
                  "more than "
                      + YamlReader.MAX_NODES
                      + " values (a substitution that multiplies a list?)")));
    }
    switch (value.valueType()) {
      case OBJECT:
        Map<String, Node> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) value).entrySet()) {
          entries.put(e.getKey(), convert(e.getValue(), file));
        }
        return new Node.Mapping(entries, origin);
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
    String name = origin.filename() != null ? origin.filename() : file;
    if (origin.description() != null && origin.description().startsWith(file)) name = file;
    return new Origin(name, Math.max(origin.lineNumber(), 0));
  }
}
