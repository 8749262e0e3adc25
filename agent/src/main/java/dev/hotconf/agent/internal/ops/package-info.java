/**
 * Internal; not API. What operators see of the agent: the {@code dev.hotconf:type=Reloader} MBean,
 * the pidfile and the service manager's notifications — all fed by the reload thread's outcomes.
 */
package dev.hotconf.agent.internal.ops;
