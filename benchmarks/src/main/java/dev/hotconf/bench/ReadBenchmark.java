package dev.hotconf.bench;

import com.netflix.archaius.DefaultPropertyFactory;
import com.netflix.archaius.api.Property;
import com.netflix.archaius.config.DefaultSettableConfig;
import dev.hotconf.Reloadable;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aeonbits.owner.Config;
import org.aeonbits.owner.ConfigFactory;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.ReloadingFileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What reading one configuration value costs: a {@code @Reloadable} field (instrumented by the
 * agent, which the runner attaches to the forked JVM), a plain and a volatile field, and the
 * libraries users compare hotconf with, each read through its own API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReadBenchmark {
  /** Bound by the agent; the agent makes the field volatile as the class loads. */
  public static final class Settings {
    @Reloadable("bench.value")
    static int value = 1;

    private Settings() {}
  }

  /** OWNER, reloading its file in the background. */
  @Config.HotReload(value = 1, unit = TimeUnit.SECONDS)
  @Config.Sources("file:${bench.dir}/bench.properties")
  public interface OwnerConfig extends Config {
    @Key("bench.value")
    @DefaultValue("1")
    int value();
  }

  static int plain = 42;
  static volatile int volatileValue = 42;

  private Property<Integer> archaius;
  private ReloadingFileBasedConfigurationBuilder<PropertiesConfiguration> commons;
  private SmallRyeConfig smallrye;
  private OwnerConfig owner;

  @Setup
  public void setUp() throws Exception {
    if (Settings.value != 42) {
      throw new IllegalStateException("run with the agent: bench.value is not bound");
    }
    DefaultSettableConfig config = new DefaultSettableConfig();
    config.setProperty("bench.value", 42);
    archaius = DefaultPropertyFactory.from(config).get("bench.value", Integer.class);

    Path dir = Path.of(System.getProperty("bench.dir"));
    File file = dir.resolve("bench.properties").toFile();
    Files.writeString(file.toPath(), "bench.value = 42\n");
    commons =
        new ReloadingFileBasedConfigurationBuilder<>(PropertiesConfiguration.class)
            .configure(new Parameters().fileBased().setFile(file));

    smallrye =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of("bench.value", "42"), "bench", 100))
            .build();
    owner = ConfigFactory.create(OwnerConfig.class);
  }

  @Benchmark
  public int hotconf() {
    return Settings.value;
  }

  @Benchmark
  @Threads(2)
  public int hotconfTwoReaders() {
    return Settings.value;
  }

  @Benchmark
  public int plainField() {
    return plain;
  }

  @Benchmark
  public int volatileField() {
    return volatileValue;
  }

  @Benchmark
  public int archaius2() {
    return archaius.get();
  }

  @Benchmark
  public int commonsConfiguration2() throws Exception {
    return commons.getConfiguration().getInt("bench.value");
  }

  @Benchmark
  public int smallryeConfig() {
    return smallrye.getValue("bench.value", Integer.class);
  }

  @Benchmark
  public int owner() {
    return owner.value();
  }
}
