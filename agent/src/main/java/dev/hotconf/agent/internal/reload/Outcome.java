package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.load.Canonical;
import dev.hotconf.agent.internal.load.LoadException;
import dev.hotconf.agent.internal.load.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How one reload ended, typed: {@link Kind#APPLIED} (what changed, how long it took), {@link
 * Kind#REJECTED} (why; the previous configuration is kept) or {@link Kind#UNCHANGED} (the files say
 * what is already active). Its {@link #toString()} is the one log line.
 */
public final class Outcome {
  /** How a reload ended. */
  public enum Kind {
    APPLIED,
    REJECTED,
    UNCHANGED;

    /** {@code applied}, {@code rejected}, {@code unchanged}: as status and logs write it. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Changed keys listed in the log line before it says "and N more". */
  private static final int MAX_KEYS_SHOWN = 20;

  private final Kind kind;
  private final long generation;
  private final String configHash;
  private final List<String> changedKeys;
  private final List<String> details;
  private final List<Problem> problems;
  private final String cause;
  private final long nanos;
  private final long endedAt;

  private Outcome(
      Kind kind,
      long generation,
      String configHash,
      Set<String> changedKeys,
      List<String> details,
      List<Problem> problems,
      String cause,
      long nanos) {
    this.kind = kind;
    this.generation = generation;
    this.configHash = configHash;
    List<String> sorted = new ArrayList<>(changedKeys);
    Collections.sort(sorted);
    this.changedKeys = List.copyOf(sorted);
    this.details = List.copyOf(details);
    this.problems = List.copyOf(problems);
    this.cause = cause;
    this.nanos = nanos;
    this.endedAt = System.currentTimeMillis();
  }

  static Outcome applied(
      long generation,
      String hash,
      Set<String> changedKeys,
      List<String> details,
      String cause,
      long nanos) {
    return new Outcome(
        Kind.APPLIED, generation, hash, changedKeys, details, List.of(), cause, nanos);
  }

  /**
   * @param hash the candidate's hash, or {@code null} when its files did not load
   */
  static Outcome rejected(
      long kept, String hash, List<Problem> problems, String cause, long nanos) {
    return new Outcome(Kind.REJECTED, kept, hash, Set.of(), List.of(), problems, cause, nanos);
  }

  static Outcome unchanged(long generation, String hash, String cause, long nanos) {
    return new Outcome(
        Kind.UNCHANGED, generation, hash, Set.of(), List.of(), List.of(), cause, nanos);
  }

  public Kind kind() {
    return kind;
  }

  /** The generation active after this reload: the new one, or the one kept. */
  public long generation() {
    return generation;
  }

  /**
   * The hash of the configuration this reload read: the new active one, the unchanged one, or the
   * refused candidate's; {@code null} when the files did not load.
   */
  public String configHash() {
    return configHash;
  }

  /** The changed keys, sorted; empty unless applied. */
  public List<String> changedKeys() {
    return changedKeys;
  }

  public List<Problem> problems() {
    return problems;
  }

  public String cause() {
    return cause;
  }

  public double durationMillis() {
    return Math.round(nanos / 1e5) / 10.0;
  }

  /** Epoch milliseconds at which the reload ended. */
  public long endedAt() {
    return endedAt;
  }

  /**
   * The outcome as the command line prints it: {@code applied: generation N (sha256:…), K keys
   * changed (keys…) in X ms}, {@code rejected: problems…; previous configuration kept (generation
   * N)} or {@code unchanged: generation N (sha256:…)}.
   */
  public String summary() {
    return kind.word() + ": " + body();
  }

  /** The one log line: keys only, never values, so no secret is ever written out. */
  @Override
  public String toString() {
    return "reload " + kind.word() + " (" + cause + "): " + body();
  }

  /** What the log line and the summary share. */
  private String body() {
    switch (kind) {
      case REJECTED:
        return LoadException.join(problems)
            + "; previous configuration kept (generation "
            + generation
            + ")";
      case UNCHANGED:
        return "generation " + generation + " (" + Canonical.shorten(configHash) + ")";
      default:
        break;
    }
    StringBuilder out = new StringBuilder("generation ").append(generation);
    out.append(" (").append(Canonical.shorten(configHash)).append("), ");
    if (changedKeys.isEmpty()) {
      out.append("no key changed");
    } else {
      out.append(changedKeys.size()).append(changedKeys.size() == 1 ? " key" : " keys");
      out.append(" changed (");
      int shown = Math.min(changedKeys.size(), MAX_KEYS_SHOWN);
      out.append(String.join(", ", changedKeys.subList(0, shown)));
      if (changedKeys.size() > shown)
        out.append(" and ").append(changedKeys.size() - shown).append(" more");
      out.append(')');
    }
    out.append(" in ").append(millis()).append(" ms");
    if (!details.isEmpty()) out.append(": ").append(String.join("; ", details));
    return out.toString();
  }

  /** The duration, with a decimal below 10 ms so that a fast reload does not read "0 ms". */
  private String millis() {
    double ms = nanos / 1e6;
    if (ms >= 10) return Long.toString(Math.round(ms));
    long tenths = Math.round(ms * 10);
    return tenths / 10 + "." + tenths % 10;
  }
}
