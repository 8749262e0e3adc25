package dev.hotconf.agent.cli;

import dev.hotconf.agent.internal.Names;
import dev.hotconf.agent.internal.bind.ClassFileScan;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * An application's class path as users package it, for the offline {@code check}: directories, jars
 * and the jars their {@code Class-Path} manifests name, Spring Boot executable jars ({@code
 * BOOT-INF/classes}, {@code BOOT-INF/lib/*.jar}) and WARs ({@code WEB-INF/classes}, {@code
 * WEB-INF/lib/*.jar}). Nested parts are extracted to a temporary directory, removed on close.
 */
final class ApplicationClassPath implements AutoCloseable {
  private final Set<Path> entries = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  private Path temp;

  private ApplicationClassPath() {}

  /** Reads {@code classpath}: entries separated by the platform's path separator. */
  static ApplicationClassPath open(String classpath) throws IOException {
    ApplicationClassPath cp = new ApplicationClassPath();
    for (String part : classpath.split(File.pathSeparator)) {
      if (!part.isEmpty()) cp.add(Path.of(part).toAbsolutePath().normalize());
    }
    return cp;
  }

  private void add(Path entry) throws IOException {
    if (entries.contains(entry)) return;
    if (Files.isDirectory(entry)) {
      entries.add(entry);
      return;
    }
    if (!Files.isRegularFile(entry)) {
      notes.add("class path entry " + entry + " does not exist");
      return;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      if (hasEntryUnder(jar, "BOOT-INF/")) {
        notes.add(entry.getFileName() + ": a Spring Boot executable jar");
        unpack(jar, "BOOT-INF/classes/", "BOOT-INF/lib/");
        return;
      }
      if (hasEntryUnder(jar, "WEB-INF/classes/") || hasEntryUnder(jar, "WEB-INF/lib/")) {
        notes.add(entry.getFileName() + ": a web application archive");
        unpack(jar, "WEB-INF/classes/", "WEB-INF/lib/");
        return;
      }
      entries.add(entry);
      Manifest manifest = jar.getManifest();
      String classPath =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) return;
      for (String ref : classPath.trim().split("\\s+")) {
        if (ref.isEmpty()) continue;
        Path named =
            entry.getParent().resolve(java.net.URLDecoder.decode(ref, "UTF-8")).normalize();
        add(named);
      }
    }
  }

  /** Whether any entry's name starts with {@code prefix}: archives need no directory entries. */
  private static boolean hasEntryUnder(JarFile jar, String prefix) {
    for (JarEntry e : Collections.list(jar.entries())) {
      if (e.getName().startsWith(prefix)) return true;
    }
    return false;
  }

  /** Extracts the classes directory and the nested library jars of an archive. */
  private void unpack(JarFile jar, String classes, String lib) throws IOException {
    if (temp == null) temp = Files.createTempDirectory("hotconf-check-");
    Path dir = Files.createDirectories(temp.resolve("archive" + entries.size() + "-classes"));
    List<Path> libraries = new ArrayList<>();
    for (JarEntry e : Collections.list(jar.entries())) {
      String name = e.getName();
      if (e.isDirectory()) continue;
      if (name.startsWith(classes)) {
        Path to = dir.resolve(name.substring(classes.length())).normalize();
        if (!to.startsWith(dir)) continue; // a name that climbs out
        Files.createDirectories(to.getParent());
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
      } else if (name.startsWith(lib)
          && name.endsWith(".jar")
          && name.indexOf('/', lib.length()) < 0) {
        Path to = temp.resolve("lib" + entries.size() + "-" + libraries.size() + ".jar");
        try (InputStream in = jar.getInputStream(e)) {
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        libraries.add(to);
      }
    }
    entries.add(dir);
    for (Path library : libraries) add(library);
  }

  /** What the class path turned out to be, for the user. */
  List<String> notes() {
    return notes;
  }

  URL[] urls() throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Path p : entries) urls.add(p.toUri().toURL());
    return urls.toArray(new URL[0]);
  }

  /** The classes whose class files name hotconf's annotations, the agent's own left out. */
  List<String> annotatedClasses() throws IOException {
    List<String> names = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path file : (Iterable<Path>) walk::iterator) {
            if (!file.toString().endsWith(".class") || !Files.isRegularFile(file)) continue;
            if (ClassFileScan.mentionsAnnotations(Files.readAllBytes(file))) {
              names.add(
                  className(entry.relativize(file).toString().replace(File.separatorChar, '/')));
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(entry.toFile())) {
          for (JarEntry e : Collections.list(jar.entries())) {
            String name = e.getName();
            if (!name.endsWith(".class") || name.startsWith("META-INF/")) continue;
            try (InputStream in = jar.getInputStream(e)) {
              if (ClassFileScan.mentionsAnnotations(in.readAllBytes())) names.add(className(name));
            }
          }
        }
      }
    }
    names.removeIf(n -> n.startsWith(Names.AGENT_PACKAGE) || n.endsWith("module-info"));
    return names;
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }

  @Override
  public void close() {
    if (temp == null) return;
    try (Stream<Path> walk = Files.walk(temp)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind
    }
  }
}
