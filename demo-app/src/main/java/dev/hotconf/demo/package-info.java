/**
 * The demo service: an HTTP server on the JDK's own {@code com.sun.net.httpserver} whose settings
 * are {@code @Reloadable}. Run it with the agent and change {@code config/demo.yaml}.
 */
package dev.hotconf.demo;
