/**
 * Internal; not API. The reload path — start reading here. It runs on one thread, {@code
 * hotconf-reload} ({@link dev.hotconf.agent.internal.reload.Reloader}):
 *
 * <pre>
 *  signal handler thread ─┐   (one short-lived JVM thread per delivered signal)
 *  hotconf-watch ─────────┼─► Reloader.request(cause): records, coalesces, returns at once
 *  RMI thread (MBean) ────┘
 *                              │
 *  hotconf-reload              ▼
 *    load     Loader.load ─────────────► hotconf-parse: read + parse every file, under
 *                                         parse-timeout  ──► one immutable Snapshot (its hash)
 *    same hash as the active one? ──► Outcome UNCHANGED (nothing written, no callback)
 *    plan     Registry.plan ──► Planner: convert + validate every binding, collect ALL problems
 *                              any problem ──► Outcome REJECTED (nothing written)
 *    commit   Registry.commit: publish each class's values, make the snapshot current
 *             (generation + 1), then write the changed statics and every live instance's fields
 *    callbacks ───────────────────────► hotconf-callbacks: the @OnReload methods, waited for up
 *                                         to callback-timeout (Callbacks)
 *    outcome  one log line; counters; listeners (hotconf-notify for systemd); JFR event
 *
 *  application threads: end of &lt;clinit&gt; / constructor ──► Bridge ──► Registry: register
 *    (waits for the first snapshot, read on hotconf-start), then bind from the published values
 *  hotconf-sweeper: after each collection, drops dead objects' entries (InstanceTable)
 * </pre>
 *
 * <p>"Changed" has one meaning: a key changed when its value, as written, differs ({@link
 * dev.hotconf.agent.internal.load.Snapshot#changedKeys}); a binding changed when a key at or below
 * its path did, and only then is its field written and its class's callbacks run.
 *
 * <p>Values that may be {@code null}: an {@link dev.hotconf.agent.internal.reload.Outcome}'s {@code
 * configHash} when its files did not load; {@code Reloader.Status.last} before the first reload;
 * the {@code Outcome} of {@code awaitServed} on a timeout. Everything else is non-null.
 */
package dev.hotconf.agent.internal.reload;
