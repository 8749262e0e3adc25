package dev.hotconf.agent.internal.trigger;

import dev.hotconf.agent.internal.Log;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
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
import java.util.function.Consumer;

/**
 * {@code watch=true}: a reload when a configuration file's content changes. It watches the files'
 * directories, not the files, so that it follows editors that write a temporary file and rename it
 * over the old one, and Kubernetes ConfigMap volumes, which swap a {@code ..data} symlink. Any
 * event waits for a quiet period (a burst of writes makes one reload), then the files' contents are
 * compared with those of the last request: a rejected file is retried on its next change.
 */
public final class FileWatcher {
  /** How long the directories must stay quiet before the files are compared. */
  static final long QUIET_MILLIS = 150;

  private final List<Path> files;
  private final Consumer<String> request;
  private final WatchService service;
  private List<byte[]> fingerprints;

  private FileWatcher(List<Path> files, Consumer<String> request, WatchService service) {
    this.files = List.copyOf(files);
    this.request = request;
    this.service = service;
    this.fingerprints = fingerprints();
  }

  /**
   * Starts watching on a daemon thread.
   *
   * @param files the configuration files
   * @param request receives {@code "file-watch"} for each change
   */
  public static void start(List<Path> files, Consumer<String> request) {
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
      FileWatcher watcher = new FileWatcher(files, request, service);
      Thread t = new Thread(watcher::loop, "hotconf-watch");
      t.setDaemon(true);
      t.start();
    } catch (IOException e) {
      Log.warn("cannot watch the configuration files (" + e + "): watch=true has no effect");
    }
  }

  private void loop() {
    try {
      while (true) {
        drain(service.take());
        // Wait for the writer to finish: every further event restarts the quiet period.
        WatchKey next;
        while ((next = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) drain(next);
        List<byte[]> now = fingerprints();
        if (!same(now, fingerprints)) {
          fingerprints = now;
          request.accept("file-watch");
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // the JVM is going away
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }

  /** A digest of each file's content, or an empty array for a file that cannot be read. */
  private List<byte[]> fingerprints() {
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      try {
        out.add(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      } catch (IOException | NoSuchAlgorithmException e) {
        out.add(new byte[0]);
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
