/**
 * The agent's entry points: {@link dev.hotconf.agent.HotconfAgent} ({@code premain}) and {@link
 * dev.hotconf.agent.Main} (the command line). Everything else is in {@code internal} packages.
 */
package dev.hotconf.agent;
