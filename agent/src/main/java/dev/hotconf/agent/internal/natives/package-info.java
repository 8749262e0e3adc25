/**
 * Internal; not API. The bridge to the native calls (kill, signal disposition, Unix datagrams),
 * loaded on first use in a class loader of its own.
 */
package dev.hotconf.agent.internal.natives;
