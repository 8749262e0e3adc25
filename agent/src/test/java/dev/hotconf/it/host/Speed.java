package dev.hotconf.it.host;

/** An enum a host binds, case-insensitively. */
public enum Speed {
  SLOW,
  FAST,
  LUDICROUS_SPEED
}
