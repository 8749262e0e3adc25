package dev.hotconf.it.host;

import dev.hotconf.OnReload;
import dev.hotconf.ReloadEvent;
import dev.hotconf.Reloadable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Instance fields of every supported type; the host keeps one live instance. */
public class Settings {
  @Reloadable("i.string")
  String string = "default";

  @Reloadable("i.int")
  private int anInt = -1;

  @Reloadable("i.duration")
  Duration duration = Duration.ofSeconds(9);

  @Reloadable("i.list")
  List<String> list = List.of("default");

  @Reloadable("i.speed")
  Speed speed = Speed.SLOW;

  @Reloadable("i.country")
  String country = "default";

  @Reloadable("i.long")
  long aLong;

  @Reloadable("i.boolean")
  boolean aBoolean;

  @Reloadable("i.double")
  double aDouble;

  @Reloadable("i.boxed")
  Integer boxed;

  @Reloadable("i.set")
  Set<Integer> set = Set.of();

  @Reloadable("i.map")
  Map<String, Duration> map = Map.of();

  @Reloadable("i.path")
  Path path;

  @Reloadable("i.uri")
  URI uri;

  @Reloadable("i.big")
  BigDecimal big;

  @Reloadable("i.bigint")
  BigInteger bigint;

  /** Assigned in the constructor: the constructor's value is the default. */
  @Reloadable("i.fromConstructor")
  String fromConstructor;

  /** Not reloadable: must never change. */
  String untouched = "untouched";

  volatile long callbackGeneration;
  volatile int callbacks;

  public Settings() {
    this("ctor-default");
  }

  /** The no-arg constructor delegates here: the object must still be bound exactly once. */
  public Settings(String fromConstructor) {
    this.fromConstructor = fromConstructor;
  }

  @OnReload
  void reloaded(ReloadEvent event) {
    callbacks++;
    callbackGeneration = event.generation(); // last: readers take it first
  }
}
