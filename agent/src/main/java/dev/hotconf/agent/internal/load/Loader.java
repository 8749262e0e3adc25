package dev.hotconf.agent.internal.load;

import java.util.ArrayList;
import java.util.List;

/** Reads every configured file into one {@link Snapshot}, or reports everything that is wrong. */
public final class Loader {
  /** Files larger than this are refused before they are parsed. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  private final List<ConfigFile> files;
  private final long maxBytes;

  public Loader(List<ConfigFile> files) {
    this(files, DEFAULT_MAX_BYTES);
  }

  public Loader(List<ConfigFile> files, long maxBytes) {
    this.files = List.copyOf(files);
    this.maxBytes = maxBytes;
  }

  public List<ConfigFile> files() {
    return files;
  }

  /**
   * Reads all files. Every file is tried, so that one reload reports every broken file at once.
   *
   * @throws LoadException with one problem per file that could not be read or parsed
   */
  public Snapshot load() throws LoadException {
    List<Node.Mapping> layers = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ConfigFile file : files) {
      names.add(file.name());
      try {
        layers.add(read(file));
      } catch (LoadException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException | StackOverflowError e) {
        // A parser bug or a pathological file must reject the reload, not end the reload thread.
        problems.add(new Problem(new Origin(file.name(), 0), "cannot parse: " + e));
      }
    }
    if (!problems.isEmpty()) throw new LoadException(problems);
    return Snapshot.merge(layers, names);
  }

  private Node.Mapping read(ConfigFile file) throws LoadException {
    if (file.format() == ConfigFile.Format.YAML) {
      return YamlReader.read(file.name(), file.readText(maxBytes));
    }
    file.checkReadable(maxBytes);
    return HoconReader.read(file);
  }
}
