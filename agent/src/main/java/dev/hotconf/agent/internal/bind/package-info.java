/**
 * Internal; not API. <em>Register → bind</em> and the <em>plan</em> and <em>commit</em> steps of a
 * reload. The {@link dev.hotconf.agent.internal.bind.Instrumenter} rewrites the few classes that
 * declare bindings so that they report their initialization and construction; the {@link
 * dev.hotconf.agent.internal.bind.Registry} binds them from the active snapshot, tracks instances
 * weakly, converts every value of a new snapshot into a {@link
 * dev.hotconf.agent.internal.bind.Plan} and commits it, then runs the callbacks.
 */
package dev.hotconf.agent.internal.bind;
