/**
 * Internal; not API. The reload thread: it takes coalesced requests from the triggers and runs each
 * reload through load, plan, commit and callbacks, ending with one {@link
 * dev.hotconf.agent.internal.reload.Outcome} log line.
 */
package dev.hotconf.agent.internal.reload;
