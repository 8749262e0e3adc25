package dev.hotconf.agent;

import dev.hotconf.agent.internal.Log;
import dev.hotconf.agent.internal.Options;
import dev.hotconf.agent.internal.bind.LateAttach;
import dev.hotconf.agent.internal.bind.Registry;
import dev.hotconf.agent.internal.load.ConfigFile;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Loader;
import dev.hotconf.agent.internal.load.Snapshot;
import dev.hotconf.agent.internal.ops.Pidfile;
import dev.hotconf.agent.internal.ops.ReloaderBean;
import dev.hotconf.agent.internal.ops.SingleFileMounts;
import dev.hotconf.agent.internal.ops.SystemdNotifier;
import dev.hotconf.agent.internal.reload.Reloader;
import dev.hotconf.agent.internal.trigger.FileWatcher;
import dev.hotconf.agent.internal.trigger.SignalTrigger;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of start-up, on the {@code hotconf-start} thread while the application starts: read the
 * first configuration and hand it to the registry (classes waiting to bind go on), or — with {@code
 * on-error=exit} — stop the JVM with one message; start the reload thread, which serves the
 * requests recorded meanwhile; then what is needed only once the agent runs: the service manager's
 * {@code READY=1}, the file watcher, the MBean, and a warning about single-file mounts. On a late
 * attach it runs on the attaching thread instead, the configuration already read.
 */
final class Startup {
  /** How long shutdown hooks may take after a broken configuration before the JVM is halted. */
  private static final long EXIT_GRACE_MILLIS = 10_000;

  private final Options options;
  private final Instrumentation inst;
  private final Reloader reloader;
  private final List<String> triggers = new ArrayList<>();
  private List<String> ignoredSignals = List.of();
  private final boolean late;
  private Loader loader;
  private List<ConfigFile> files;

  private Startup(Options options, Instrumentation inst, Reloader reloader, boolean late) {
    this.options = options;
    this.inst = inst;
    this.reloader = reloader;
    this.late = late;
  }

  /** The configuration files, resolved once against the working directory. */
  private List<ConfigFile> files() {
    if (files == null) files = options.files();
    return files;
  }

  private Loader loader() {
    if (loader == null) loader = new Loader(files(), options.limits());
    return loader;
  }

  /**
   * Reads the configuration on the calling thread and begins the registry with it: a late attach,
   * which binds the classes already loaded right away.
   *
   * @return the problems if it cannot be read, else {@code null}
   */
  static String loadNow(Options options, Reloader reloader) {
    try {
      reloader.registry().begin(new Loader(options.files(), options.limits()).load());
      return null;
    } catch (LoadException e) {
      return e.getMessage();
    }
  }

  /**
   * Runs the rest of start-up.
   *
   * @param signals the signals premain could install, as triggers: {@code SIGHUP}...
   * @param ignored signals inherited as ignored, to take back here (names without {@code SIG})
   * @param late whether the agent was loaded into a running JVM, its configuration already read
   */
  static void run(
      Options options,
      Instrumentation inst,
      Reloader reloader,
      List<String> signals,
      List<String> ignored,
      boolean late) {
    Startup startup = new Startup(options, inst, reloader, late);
    startup.triggers.addAll(signals);
    startup.ignoredSignals = ignored;
    startup.run();
  }

  private void run() {
    Registry registry = reloader.registry();
    if (!registry.begun()) {
      Snapshot first;
      try {
        first = loader().load();
      } catch (LoadException e) {
        if (options.onError() == Options.OnError.EXIT) {
          exit(
              "hotconf: cannot start: "
                  + e.getMessage()
                  + "; fix the configuration, or add on-error=warn to the agent options to start"
                  + " with defaults");
          return;
        }
        Log.warn("starting with every field at its default: " + e.getMessage());
        first = Snapshot.EMPTY;
      } catch (Throwable t) {
        Log.error("hotconf could not read the configuration; every field keeps its default", t);
        first = Snapshot.EMPTY;
      }
      // Before the classes waiting to bind go on: once the application runs on its configuration,
      // its pidfile is there. Nothing may keep begin() from running: they would wait forever.
      writePidfile();
      registry.begin(first);
    } else {
      writePidfile();
    }
    try {
      if (!ignoredSignals.isEmpty()) {
        triggers.addAll(SignalTrigger.takeBack(ignoredSignals, options.signals(), inst, reloader));
      }
      reloader.configure(loader(), options.verbose(), options.callbackTimeout());
      if (late) LateAttach.bindLoadedClasses(inst, registry);
      reloader.start();
      afterStart(registry);
    } catch (Throwable t) {
      Log.error("hotconf could not finish starting; reloads may not work", t);
    }
  }

  private void writePidfile() {
    if (options.pidfile() == null) return;
    try {
      Pidfile.write(options.pidfile());
    } catch (Throwable t) {
      Log.error("cannot write the pidfile " + options.pidfile(), t);
    }
  }

  private void afterStart(Registry registry) {
    SystemdNotifier notifier = SystemdNotifier.startIfNotified(registry);
    if (notifier != null) reloader.addListener(notifier);
    List<Path> paths = new ArrayList<>();
    for (ConfigFile f : files()) paths.add(f.path());
    if (options.watch()) {
      FileWatcher.start(paths, reloader, options.limits().maxBytes());
      triggers.add("file-watch");
    }
    if (options.jmx()) {
      triggers.add("jmx");
      new ReloaderBean(reloader, files(), triggers).registerWhenJmxStarts();
    }
    SingleFileMounts.warnAbout(files());
  }

  /**
   * Stops the JVM with the message. Application threads that wait to bind a class never go on;
   * shutdown hooks run, and if one of them waits for such a class, the JVM is halted after a grace
   * period rather than hanging.
   */
  private static void exit(String message) {
    System.err.println(message);
    System.err.flush();
    Thread halt =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                try {
                  Thread.sleep(EXIT_GRACE_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                Runtime.getRuntime().halt(1);
              }
            },
            "hotconf-exit");
    halt.setDaemon(true);
    halt.start();
    System.exit(1);
  }
}
