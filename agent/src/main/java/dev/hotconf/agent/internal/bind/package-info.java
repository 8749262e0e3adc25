/**
 * Internal; not API. <em>Register → bind</em>, and the <em>plan</em> and <em>commit</em> steps of a
 * reload, one job per class:
 *
 * <ul>
 *   <li>{@link dev.hotconf.agent.internal.bind.Instrumenter} decides, for every class that loads,
 *       whether to rewrite it ({@code filter}), and {@link
 *       dev.hotconf.agent.internal.bind.ClassRewriter} rewrites the few that declare bindings so
 *       that they report their initialization and construction to the {@link
 *       dev.hotconf.agent.bridge.Bridge};
 *   <li>{@link dev.hotconf.agent.internal.bind.Registry} registers a class the first time it
 *       reports, with the bindings {@link dev.hotconf.agent.internal.bind.AnnotationScan} finds,
 *       into its {@link dev.hotconf.agent.internal.bind.ClassBindings} (applied values, defaults)
 *       and, for instances, its weak {@link dev.hotconf.agent.internal.bind.InstanceTable}, which
 *       the {@link dev.hotconf.agent.internal.bind.Sweeper} keeps small;
 *   <li>{@link dev.hotconf.agent.internal.bind.Planner} converts ({@link
 *       dev.hotconf.agent.internal.bind.Converter}, {@link
 *       dev.hotconf.agent.internal.bind.StructuredType}) and validates ({@link
 *       dev.hotconf.agent.internal.bind.Validation}) every value into a {@link
 *       dev.hotconf.agent.internal.bind.Plan}; the registry commits it into a {@link
 *       dev.hotconf.agent.internal.bind.Commit}; {@link dev.hotconf.agent.internal.bind.Callbacks}
 *       runs the {@code @OnReload} methods.
 * </ul>
 */
package dev.hotconf.agent.internal.bind;
