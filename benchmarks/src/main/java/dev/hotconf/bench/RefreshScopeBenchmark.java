package dev.hotconf.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud's {@code @RefreshScope}: a value read through the scoped proxy that Spring hands
 * out, as a refreshable bean's users read it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RefreshScopeBenchmark {
  /** A refreshable settings bean. */
  public static class Settings {
    public int value() {
      return 42;
    }
  }

  /** Declares the bean in the refresh scope. */
  @Configuration
  public static class Beans {
    @Bean
    @RefreshScope
    public Settings settings() {
      return new Settings();
    }
  }

  private AnnotationConfigApplicationContext context;
  private Settings settings;

  @Setup
  public void setUp() {
    context = new AnnotationConfigApplicationContext();
    context.registerBean(
        "refreshScope", org.springframework.cloud.context.scope.refresh.RefreshScope.class);
    context.register(Beans.class);
    context.refresh();
    settings = context.getBean(Settings.class);
    if (settings.getClass() == Settings.class) throw new IllegalStateException("not a proxy");
  }

  @TearDown
  public void tearDown() {
    context.close();
  }

  @Benchmark
  public int springRefreshScope() {
    return settings.value();
  }
}
