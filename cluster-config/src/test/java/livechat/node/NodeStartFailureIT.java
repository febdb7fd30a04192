package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node that cannot start says why in one line and exits, rather than hang. */
class NodeStartFailureIT extends NodeProcessTest {

  @Test
  void aTakenCassandraPortIsOneClearErrorLineAndANonZeroExit() throws Exception {
    NodeProcess.Ports ports = NodeProcess.Ports.free();
    try (ServerSocket taken = new ServerSocket(ports.cql(), 50, InetAddress.getLoopbackAddress())) {
      node = NodeProcess.start(directory, ports);

      int exitCode = node.awaitExit(Duration.ofSeconds(60));

      assertNotEquals(0, exitCode);
      List<String> errors =
          node.stderr().stream().filter(line -> line.startsWith("livechat:")).toList();
      assertEquals(
          List.of(
              "livechat: cannot start the embedded Cassandra: its CQL port 127.0.0.1:"
                  + ports.cql()
                  + " is already in use"),
          errors);
    }
  }
}
