/**
 * Internal; not API. The <em>trigger</em> step: what asks for a reload. A trigger records a request
 * with the reload thread and returns at once.
 */
package dev.hotconf.agent.internal.trigger;
