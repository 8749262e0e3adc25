package dev.hotconf.agent.internal.bind;

import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Paths;
import dev.hotconf.agent.internal.load.Problem;
import dev.hotconf.agent.internal.load.Snapshot;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the keys of a snapshot that bind to no field — most often typos — and suggests the bound
 * key the user probably meant.
 */
final class UnknownKeys {
  /** Reported per reload; more would drown the log line. */
  static final int MAX_REPORTED = 20;

  private UnknownKeys() {}

  /** The unknown keys of {@code snapshot} given every binding, each with a "did you mean". */
  static List<Problem> find(Snapshot snapshot, List<FieldBinding> bindings) {
    Map<String, Type> byPath = byPath(bindings);
    List<Problem> unknown = new ArrayList<>();
    Set<String> known = null;
    for (Map.Entry<String, Node> leaf : snapshot.leafNodes().entrySet()) {
      String path = leaf.getKey();
      if (covered(path, byPath)) continue;
      if (unknown.size() == MAX_REPORTED) {
        unknown.add(Problem.general("and more"));
        break;
      }
      if (known == null) known = knownPaths(bindings);
      String guess = closest(path, known);
      unknown.add(
          Problem.at(
              leaf.getValue().origin(),
              path + (guess == null ? "" : " (did you mean " + guess + "?)")));
    }
    return unknown;
  }

  /** The paths among {@code paths} that bind to one of {@code bindings}. */
  static Set<String> bound(Set<String> paths, List<FieldBinding> bindings) {
    Map<String, Type> byPath = byPath(bindings);
    Set<String> out = new HashSet<>();
    for (String path : paths) {
      if (covered(path, byPath)) out.add(path);
    }
    return out;
  }

  /** For each leaf key, the fields it feeds ({@code Class.field}); empty for an unbound key. */
  static Map<String, List<String>> fieldsByKey(Snapshot snapshot, List<FieldBinding> bindings) {
    Map<String, List<FieldBinding>> byPath = new HashMap<>();
    for (FieldBinding b : bindings) byPath.computeIfAbsent(b.path, k -> new ArrayList<>()).add(b);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String path : snapshot.leafNodes().keySet()) {
      List<String> fields = new ArrayList<>();
      forEachPrefix(
          path,
          (prefix, rest) -> {
            for (FieldBinding b : byPath.getOrDefault(prefix, List.of())) {
              if (Converter.covers(b.type, rest)) fields.add(b.toString());
            }
            return false;
          });
      out.put(path, fields);
    }
    return out;
  }

  private static Map<String, Type> byPath(List<FieldBinding> bindings) {
    Map<String, Type> byPath = new HashMap<>();
    for (FieldBinding b : bindings) byPath.put(b.path, b.type);
    return byPath;
  }

  /** Whether a binding's path is the leaf's path or a prefix whose type takes the rest. */
  private static boolean covered(String path, Map<String, Type> byPath) {
    return forEachPrefix(
        path,
        (prefix, rest) -> {
          Type type = byPath.get(prefix);
          return type != null && Converter.covers(type, rest);
        });
  }

  /** What is asked of each prefix of a path, with the segments below it. */
  private interface PrefixTest {
    boolean test(String prefix, List<String> rest);
  }

  /** Tries {@code path} and each shorter prefix; true as soon as one test is. */
  private static boolean forEachPrefix(String path, PrefixTest test) {
    List<String> segments = Paths.split(path);
    if (test.test(path, List.of())) return true;
    int end = path.length();
    for (int i = segments.size() - 1; i > 0; i--) {
      end = path.lastIndexOf('.', end - 1);
      if (test.test(path.substring(0, end), segments.subList(i, segments.size()))) return true;
    }
    return false;
  }

  /** Every key a binding accepts: its path and, for structured values, their properties. */
  private static Set<String> knownPaths(List<FieldBinding> bindings) {
    Set<String> known = new LinkedHashSet<>();
    for (FieldBinding b : bindings) addKnown(b.path, b.type, known, 0);
    return known;
  }

  private static void addKnown(String path, Type type, Set<String> into, int depth) {
    into.add(path);
    if (depth > 5) return;
    if (type instanceof ParameterizedType) return;
    if (!(type instanceof Class)) return;
    StructuredType structure = StructuredType.of((Class<?>) type);
    if (structure == null) return;
    for (StructuredType.Property p : structure.properties.values()) {
      addKnown(path + "." + p.name, p.type, into, depth + 1);
    }
  }

  /** The known path nearest to {@code path}, if it is near enough to be a typo. */
  static String closest(String path, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(path, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, path.length() / 4) ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
