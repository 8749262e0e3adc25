package dev.hotconf.agent.internal.load;

import dev.hotconf.agent.internal.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every configured file into one {@link Snapshot}, or reports everything that is wrong.
 * Configuration files are untrusted input: each is size-limited, checked for loose permissions, and
 * parsing runs on a thread of its own under a deadline, so that a substitution or alias bomb
 * rejects a reload instead of stalling the reload thread.
 */
public final class Loader {
  private final List<ConfigFile> files;
  private final Limits limits;

  /** The parse that overran its deadline, if it still runs: parsers do not heed interrupts. */
  private volatile Thread overrun;

  public Loader(List<ConfigFile> files) {
    this(files, Limits.DEFAULTS);
  }

  public Loader(List<ConfigFile> files, Limits limits) {
    this.files = List.copyOf(files);
    this.limits = limits;
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
    Thread previous = overrun;
    if (previous != null && previous.isAlive()) {
      throw new LoadException(
          List.of(
              new Problem(
                  null,
                  "the previous parse, which overran its deadline of "
                      + limits.parseTimeout.toMillis()
                      + " ms, still runs")));
    }
    CompletableFuture<Snapshot> result = new CompletableFuture<>();
    Thread parser =
        new Thread(
            () -> {
              try {
                result.complete(loadHere());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "hotconf-parse");
    parser.setDaemon(true);
    parser.start();
    try {
      return result.get(limits.parseTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      overrun = parser;
      parser.interrupt();
      throw new LoadException(
          List.of(
              new Problem(
                  null,
                  "parsing took longer than "
                      + limits.parseTimeout.toMillis()
                      + " ms (a substitution or alias bomb?); the limit is the agent option"
                      + " parse-timeout")));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LoadException) throw (LoadException) cause;
      throw new LoadException(List.of(new Problem(null, "cannot parse: " + cause)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException(List.of(new Problem(null, "interrupted")));
    }
  }

  private Snapshot loadHere() throws LoadException {
    List<Node.Mapping> layers = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ConfigFile file : files) {
      names.add(file.name());
      try {
        String loose = file.permissionProblem();
        if (loose != null && limits.strict) {
          problems.add(new Problem(new Origin(file.name(), 0), loose + " (refused: strict=true)"));
          continue;
        }
        if (loose != null) Log.warn(file.name() + ": " + loose);
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
    String text = file.readText(limits.maxBytes);
    if (file.format() == ConfigFile.Format.YAML) return YamlReader.read(file.name(), text);
    // typesafe-config reads the file itself, to resolve includes relative to it; the read above
    // vouches for its size, encoding and stability.
    return HoconReader.read(file, limits.includes);
  }
}
