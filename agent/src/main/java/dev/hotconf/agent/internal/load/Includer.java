package dev.hotconf.agent.internal.load;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

/**
 * HOCON includes under a policy: by default a file may include only files in its own directory or
 * below, never {@code url(...)} (which would make a reload fetch from the network) nor {@code
 * classpath(...)}. A refused include rejects the reload with a message naming the option that
 * allows it.
 */
final class Includer
    implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
  private final Path root;
  private final Limits.Includes policy;

  Includer(Path root, Limits.Includes policy) {
    this.root = root;
    this.policy = policy;
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    // An unqualified include: relative to the including file, like the default includer.
    ConfigParseable parseable = context.relativeTo(what);
    if (parseable == null) return ConfigFactory.empty().root();
    ConfigOrigin origin = parseable.origin();
    if (origin.filename() != null) {
      checkFile(new File(origin.filename()), what);
    } else if (policy != Limits.Includes.ALL) {
      // No such file beside the including one: typesafe-config would look on the class path or
      // the network next. A missing include is ignored, as HOCON specifies.
      return ConfigFactory.empty().root();
    }
    return parseable.parse(context.parseOptions());
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    checkFile(what, what.toString());
    return ConfigFactory.parseFile(what, context.parseOptions()).root();
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    checkUrl(what.toString());
    return ConfigFactory.parseURL(what, context.parseOptions()).root();
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    checkClasspath(what);
    return ConfigFactory.parseResources(what, context.parseOptions()).root();
  }

  private void checkFile(File file, String what) {
    if (policy != Limits.Includes.LOCAL) return;
    Path path;
    try {
      Path p = file.toPath().toAbsolutePath().normalize();
      path = p.toFile().exists() ? p.toRealPath() : p;
    } catch (IOException e) {
      path = file.toPath().toAbsolutePath().normalize();
    }
    if (!path.startsWith(root)) {
      throw new ConfigException.Generic(
          "include of '"
              + what
              + "' is refused: it is outside "
              + root
              + "; allow it with the agent option includes=files");
    }
  }

  private void checkUrl(String what) {
    if (policy == Limits.Includes.ALL) return;
    throw new ConfigException.Generic(
        "include url(" + what + ") is refused; allow it with the agent option includes=all");
  }

  private void checkClasspath(String what) {
    if (policy == Limits.Includes.ALL) return;
    throw new ConfigException.Generic(
        "include classpath(" + what + ") is refused; allow it with the agent option includes=all");
  }
}
