package dev.hotconf.agent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.hotconf.agent.internal.ops.ReloaderMXBean;
import java.io.IOException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The command line's view of an agent in another JVM: the Attach API asks that JVM for its local
 * JMX connector (as jconsole does; the agent itself opens no port), then the {@code
 * dev.hotconf:type=Reloader} MBean is read through it.
 */
final class AgentClient implements AutoCloseable {
  /** A failure the command reports with exit status 2. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** How long to wait for the MBean: the agent registers it in the background at start. */
  private static final long REGISTRATION_MILLIS = 5_000;

  private final JMXConnector connector;
  final ReloaderMXBean bean;

  private AgentClient(JMXConnector connector, ReloaderMXBean bean) {
    this.connector = connector;
    this.bean = bean;
  }

  static AgentClient connect(long pid) throws Unreachable {
    if (ProcessHandle.of(pid).isEmpty()) throw new Unreachable("no process with pid " + pid);
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (AttachNotSupportedException | IOException e) {
      throw new Unreachable(
          "cannot attach to process "
              + pid
              + " ("
              + e.getMessage()
              + "): is it a JVM, run by this user?");
    }
    JMXConnector connector = null;
    try {
      connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ObjectName name = new ObjectName(ReloaderMXBean.NAME);
      long deadline = System.nanoTime() + REGISTRATION_MILLIS * 1_000_000L;
      while (!server.isRegistered(name)) {
        if (System.nanoTime() > deadline) {
          throw new Unreachable(
              "process "
                  + pid
                  + " runs no hotconf agent (or one started with jmx=false): start it with"
                  + " -javaagent:hotconf-agent.jar=config=..., or use: attach "
                  + pid
                  + " config=...");
        }
        Thread.sleep(50);
      }
      AgentClient client =
          new AgentClient(connector, JMX.newMXBeanProxy(server, name, ReloaderMXBean.class));
      connector = null;
      return client;
    } catch (IOException | MalformedObjectNameException e) {
      throw new Unreachable("cannot reach the JMX agent of process " + pid + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    } finally {
      if (connector != null) {
        try {
          connector.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      // the other JVM may be gone
    }
  }
}
