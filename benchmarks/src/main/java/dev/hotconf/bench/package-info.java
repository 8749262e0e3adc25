/**
 * JMH benchmarks of the read path: a {@code @Reloadable} field against plain and volatile fields
 * and the peers' APIs, with the agent attached to the forked JVMs by {@link dev.hotconf.bench.Run}.
 */
package dev.hotconf.bench;
