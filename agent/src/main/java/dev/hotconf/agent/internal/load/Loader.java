package dev.hotconf.agent.internal.load;

import dev.hotconf.agent.internal.Log;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads every configured file into one {@link Snapshot}, or reports everything that is wrong.
 * Configuration files are untrusted input: each is size-limited, checked for loose permissions, and
 * read and parsed on a thread of its own ({@code hotconf-parse}) under a deadline, so that a
 * substitution or alias bomb — or a path that became a FIFO between the check and the open —
 * rejects one reload instead of stalling the reload thread. A parse that overran is abandoned
 * (parsers heed no interrupt); it never stops a later reload, though a few stuck at once do.
 */
public final class Loader {
  /** Overrun parses still running at once before further reloads are refused. */
  static final int MAX_ABANDONED = 4;

  private final List<ConfigFile> files;
  private final Limits limits;

  /** Parse threads that overran their deadline; guarded by itself. */
  private final List<Thread> abandoned = new ArrayList<>();

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

  public Limits limits() {
    return limits;
  }

  /** A loader for {@code files} under the same limits: what {@code check --pid} plans. */
  public Loader withFiles(List<ConfigFile> files) {
    return new Loader(files, limits);
  }

  /**
   * Reads all files. Every file is tried, so that one reload reports every broken file at once.
   *
   * @throws LoadException with one problem per file that could not be read or parsed
   */
  public Snapshot load() throws LoadException {
    int stuck = stillStuck();
    if (stuck >= MAX_ABANDONED) {
      throw new LoadException(
          List.of(
              Problem.general(
                  stuck
                      + " earlier reads overran their deadline of "
                      + limits.parseTimeout.toMillis()
                      + " ms and still run (a file that blocks, or a substitution bomb?); the"
                      + " next reload tries again once one of them ends")));
    }
    Parse parse = new Parse(this);
    Thread thread = new Thread(parse, "hotconf-parse");
    thread.setDaemon(true);
    thread.start();
    Snapshot snapshot;
    try {
      snapshot = parse.await(limits.parseTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException(List.of(Problem.general("interrupted")));
    }
    if (snapshot != null) return snapshot;
    synchronized (abandoned) {
      abandoned.add(thread);
    }
    thread.interrupt();
    throw new LoadException(
        List.of(
            Problem.general(
                "reading and parsing took longer than "
                    + limits.parseTimeout.toMillis()
                    + " ms (a file that blocks, or a substitution or alias bomb?); the limit is"
                    + " the agent option parse-timeout")));
  }

  private int stillStuck() {
    synchronized (abandoned) {
      for (Iterator<Thread> it = abandoned.iterator(); it.hasNext(); ) {
        if (!it.next().isAlive()) it.remove();
      }
      return abandoned.size();
    }
  }

  /** Reads and parses on the calling thread: the parse thread's work. */
  Snapshot loadHere() throws LoadException {
    List<Node.Mapping> layers = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ConfigFile file : files) {
      names.add(file.name());
      try {
        String loose = file.permissionProblem();
        if (loose != null && limits.strict) {
          problems.add(Problem.inFile(file.name(), loose + " (refused: strict=true)"));
          continue;
        }
        if (loose != null) Log.warn(file.name() + ": " + loose);
        layers.add(read(file));
      } catch (LoadException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException | StackOverflowError e) {
        // A parser bug or a pathological file must reject the reload, not end the reload thread.
        problems.add(Problem.inFile(file.name(), "cannot parse: " + e));
      }
    }
    if (!problems.isEmpty()) throw new LoadException(problems);
    return Snapshot.merge(layers, names);
  }

  private Node.Mapping read(ConfigFile file) throws LoadException {
    String text = file.readText(limits.maxBytes);
    switch (file.format()) {
      case YAML:
        Node.Mapping simple = SimpleYaml.read(file.name(), text);
        return simple != null ? simple : YamlReader.read(file.name(), text);
      case PROPERTIES:
        return PropertiesReader.read(file.name(), text);
      case JSON:
        return JsonReader.read(file.name(), text);
      default:
        return HoconReader.read(file, text, limits);
    }
  }

  /** One read of every file, on its own thread, with the result handed back under a deadline. */
  private static final class Parse implements Runnable {
    private final Loader loader;
    private Snapshot snapshot; // guarded by this
    private LoadException failure; // guarded by this
    private boolean done; // guarded by this

    Parse(Loader loader) {
      this.loader = loader;
    }

    @Override
    public void run() {
      Snapshot s = null;
      LoadException f = null;
      try {
        s = loader.loadHere();
      } catch (LoadException e) {
        f = e;
      } catch (Throwable t) { // an Error too: it is one reload's problem
        f = new LoadException(List.of(Problem.general("cannot parse: " + t)));
      }
      synchronized (this) {
        snapshot = s;
        failure = f;
        done = true;
        notifyAll();
      }
    }

    /** The snapshot, or {@code null} if the deadline passed first. */
    synchronized Snapshot await(long millis) throws LoadException, InterruptedException {
      long deadline = System.nanoTime() + millis * 1_000_000L;
      while (!done) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        wait(Math.max(1, left / 1_000_000L));
      }
      if (failure != null) throw failure;
      return snapshot;
    }
  }
}
