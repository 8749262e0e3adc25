/**
 * Internal; not API. The agent's implementation, one package per step of the reload path: {@code
 * trigger} (signals and the file watcher record a request), {@code load} (files to one snapshot),
 * {@code bind} (instrumentation, registration, plan and commit), {@code reload} (the one thread
 * that runs them and reports the outcome — its package documentation draws the whole path) and
 * {@code ops} (what operators see: the MBean, the pidfile, systemd). This package holds what they
 * share: the options, the log, the names of things, the agent's threads. Classes here can change at
 * any time.
 */
package dev.hotconf.agent.internal;
