/**
 * What hotconf costs the application that runs it. JMH benchmarks of the read path (a
 * {@code @Reloadable} field against plain and volatile fields and the peers' APIs) and of the class
 * file transformer, run with the agent attached to the forked JVMs by {@link
 * dev.hotconf.bench.Run}; and harnesses that fork or drive JVMs and print a table: {@link
 * dev.hotconf.bench.Startup}, {@link dev.hotconf.bench.Churn}, {@link
 * dev.hotconf.bench.ReloadLatency}, {@link dev.hotconf.bench.EndToEndReload} and {@link
 * dev.hotconf.bench.Footprint}.
 */
package dev.hotconf.bench;
