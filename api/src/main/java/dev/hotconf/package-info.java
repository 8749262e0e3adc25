/**
 * The whole public API of hotconf: {@link dev.hotconf.Reloadable} binds a field to a path of the
 * configuration, {@link dev.hotconf.OnReload} marks a method to run after a reload, and {@link
 * dev.hotconf.ReloadEvent} tells that method what happened. Applications depend on this package
 * alone; the agent ({@code -javaagent:hotconf-agent.jar}) does the rest.
 */
package dev.hotconf;
