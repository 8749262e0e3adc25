/**
 * Internal; not API. The command line ({@code java -jar hotconf-agent.jar}): {@code reload}, {@code
 * check}, {@code status} and {@code attach}, built on picocli. Commands that talk to a running JVM
 * go through the Attach API and the agent's MBean; the agent opens no port.
 */
package dev.hotconf.agent.cli;
