package dev.hotconf.agent.internal;

import java.util.Locale;

/** Tells which configuration paths hold secrets, whose values never appear in a message. */
public final class Secrets {
  private static final String[] WORDS = {
    "password",
    "passwd",
    "secret",
    "token",
    "credential",
    "apikey",
    "api-key",
    "api_key",
    "private-key",
    "private_key",
    "privatekey"
  };

  private Secrets() {}

  /** Whether any segment of {@code path} looks like it names a secret. */
  public static boolean isSecret(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String word : WORDS) {
      if (lower.contains(word)) return true;
    }
    return false;
  }
}
