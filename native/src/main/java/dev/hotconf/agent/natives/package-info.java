/**
 * Internal; not API. The native calls, through jnr: this package ships as a jar nested in the agent
 * jar and is loaded in a class loader of its own, only when a native call is needed.
 */
package dev.hotconf.agent.natives;
