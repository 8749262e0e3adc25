/**
 * Internal; not API. The <em>load</em> step of a reload: each {@link
 * dev.hotconf.agent.internal.load.ConfigFile} is read with its format's parser into format-free
 * {@link dev.hotconf.agent.internal.load.Node}s that keep the user's text and the line it came
 * from, and the layers merge into one immutable {@link dev.hotconf.agent.internal.load.Snapshot}.
 * Anything wrong comes back as {@link dev.hotconf.agent.internal.load.Problem}s, never half a
 * snapshot. {@link dev.hotconf.agent.internal.load.Canonical} renders a snapshot the one way its
 * hash is computed; {@link dev.hotconf.agent.internal.load.ConfigFile} is the one way any file is
 * read (regular files only, capped, never half written).
 */
package dev.hotconf.agent.internal.load;
