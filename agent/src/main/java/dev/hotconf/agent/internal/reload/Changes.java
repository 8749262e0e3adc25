package dev.hotconf.agent.internal.reload;

import dev.hotconf.agent.internal.Secrets;
import dev.hotconf.agent.internal.load.Node;
import dev.hotconf.agent.internal.load.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code key: old → new} for changed keys, as the verbose applied line and {@code check --pid} show
 * them. Secrets are masked, and so are keys that bind to no field: a typo in a secret key ({@code
 * passwrd}) must not reveal the secret.
 */
public final class Changes {
  /** What a masked value shows. */
  public static final String MASK = "****";

  private Changes() {}

  /** One line per changed key, sorted. */
  public static List<String> describe(
      Set<String> changed, Set<String> bound, Snapshot before, Snapshot after) {
    Map<String, Node> old = before.leafNodes();
    Map<String, Node> now = after.leafNodes();
    List<String> details = new ArrayList<>();
    for (String key : new TreeSet<>(changed)) {
      boolean hidden = !bound.contains(key) || Secrets.isSecret(key);
      details.add(key + ": " + shown(hidden, old.get(key)) + " → " + shown(hidden, now.get(key)));
    }
    return details;
  }

  /** A value as messages show it: the text of a scalar, the canonical form of a list. */
  public static String shown(boolean hidden, Node node) {
    if (node == null) return "(absent)";
    if (hidden) return MASK;
    return node instanceof Node.Scalar ? ((Node.Scalar) node).text() : node.render();
  }
}
