package dev.hotconf.agent.internal.trigger;

import dev.hotconf.agent.internal.AgentThreads;
import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.reload.Reloader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code watch=true}: a reload when a configuration file's content changes. It watches the files'
 * directories, not the files, so that it follows editors that write a temporary file and rename it
 * over the old one, and Kubernetes ConfigMap volumes, which swap a {@code ..data} symlink. Any
 * event waits for a quiet period (a burst of writes makes one reload): this trigger alone waits for
 * writes to settle, as it is the one that fires while a writer may be at work. Then the files'
 * contents are compared with those of the last request (read like configuration files: regular
 * files only, capped): a rejected file is retried on its next change.
 */
public final class FileWatcher {
  /** How long the directories must stay quiet before the files are compared. */
  static final long QUIET_MILLIS = 150;

  private final List<Path> files;
  private final Reloader reloader;
  private final WatchService service;
  private final long maxBytes;
  private List<byte[]> fingerprints;

  private FileWatcher(List<Path> files, Reloader reloader, WatchService service, long maxBytes) {
    this.files = List.copyOf(files);
    this.reloader = reloader;
    this.service = service;
    this.maxBytes = maxBytes;
    this.fingerprints = fingerprints();
  }

  /**
   * Starts watching on a daemon thread.
   *
   * @param files the configuration files
   * @param reloader receives a {@code "file-watch"} request for each change
   * @param maxBytes the largest file read (the agent option max-file-size)
   */
  public static void start(List<Path> files, Reloader reloader, long maxBytes) {
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      Set<Path> dirs = new LinkedHashSet<>();
      for (Path file : files) dirs.add(file.toAbsolutePath().getParent());
      for (Path dir : dirs) {
        dir.register(
            service,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
      FileWatcher watcher = new FileWatcher(files, reloader, service, maxBytes);
      AgentThreads.start(
          "hotconf-watch",
          new Runnable() {
            @Override
            public void run() {
              watcher.loop();
            }
          });
    } catch (IOException e) {
      Log.warn("cannot watch the configuration files (" + e + "): watch=true has no effect");
    }
  }

  private void loop() {
    try {
      while (true) {
        if (!relevant(service.take())) continue;
        // Wait for the writer to finish: every further relevant event restarts the quiet period.
        long quietUntil = System.nanoTime() + QUIET_MILLIS * 1_000_000L;
        while (true) {
          long left = quietUntil - System.nanoTime();
          if (left <= 0) break;
          WatchKey next = service.poll(left, TimeUnit.NANOSECONDS);
          if (next != null && relevant(next)) {
            quietUntil = System.nanoTime() + QUIET_MILLIS * 1_000_000L;
          }
        }
        List<byte[]> now = fingerprints();
        if (!same(now, fingerprints)) {
          fingerprints = now;
          reloader.request("file-watch");
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // the JVM is going away
    }
  }

  /**
   * Whether the key's events touch a configuration file: its own name, or the first step of its
   * symlink (ConfigMap volumes swap {@code ..data}). Other files in the directory — logs, state —
   * are ignored, or they would keep the quiet period from ever ending.
   */
  private boolean relevant(WatchKey key) {
    Path dir = (Path) key.watchable();
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
        continue;
      }
      Path name = (Path) event.context();
      for (Path file : files) {
        Path absolute = file.toAbsolutePath();
        if (!dir.equals(absolute.getParent())) continue;
        // kubelet writes ..data_tmp and renames it to ..data: both count.
        Path step = linkStep(absolute);
        if (name.equals(absolute.getFileName())
            || step != null && name.toString().startsWith(step.toString())) {
          relevant = true;
        }
      }
    }
    key.reset();
    return relevant;
  }

  /** The first name of a relative symlink's target ({@code ..data} for {@code ..data/a.yaml}). */
  private static Path linkStep(Path file) {
    try {
      if (!Files.isSymbolicLink(file)) return null;
      Path target = Files.readSymbolicLink(file);
      return target.isAbsolute() || target.getNameCount() == 0 ? null : target.getName(0);
    } catch (IOException e) {
      return null;
    }
  }

  /** A digest of each file's content, or of why it cannot be read (that changing counts too). */
  private List<byte[]> fingerprints() {
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      byte[] content;
      try {
        content = ConfigFile.readStable(file, file.toString(), maxBytes);
      } catch (LoadException e) {
        content = e.getMessage().getBytes(StandardCharsets.UTF_8);
      }
      try {
        out.add(MessageDigest.getInstance("SHA-256").digest(content));
      } catch (NoSuchAlgorithmException e) {
        out.add(content);
      }
    }
    return out;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) return false;
    }
    return true;
  }
}
