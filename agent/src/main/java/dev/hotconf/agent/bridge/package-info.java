/**
 * Internal; not API. The bridge between instrumented application classes and the agent: loaded by
 * the system class loader, with the agent.
 */
package dev.hotconf.agent.bridge;
