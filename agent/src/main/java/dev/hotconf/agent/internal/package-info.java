/**
 * Internal; not API. The agent's implementation, one package per step of the reload path: {@code
 * trigger} (signals record a request), {@code load} (files to one snapshot), {@code bind}
 * (instrumentation, registration, plan and commit) and {@code reload} (the one thread that runs
 * them and reports the outcome). Classes here can change at any time.
 */
package dev.hotconf.agent.internal;
