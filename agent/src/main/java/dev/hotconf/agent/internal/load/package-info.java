/**
 * Internal; not API. The <em>load</em> step of a reload: each {@link
 * dev.hotconf.agent.internal.load.ConfigFile} is read with its format's parser into format-free
 * {@link dev.hotconf.agent.internal.load.Node}s that keep the user's text and the line it came
 * from, and the layers merge into one immutable {@link dev.hotconf.agent.internal.load.Snapshot}.
 * Anything wrong comes back as {@link dev.hotconf.agent.internal.load.Problem}s, never half a
 * snapshot.
 */
package dev.hotconf.agent.internal.load;
