package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node that cannot start says why in one line and exits, rather than hang. */
class NodeStartFailureIT {

  private Path directory;
  private NodeProcess node;

  @BeforeEach
  void createWorkingDirectory() throws Exception {
    directory = Files.createTempDirectory("livechat-node");
  }

  @AfterEach
  void cleanUp() {
    if (node != null) {
      node.kill();
    }
    TestCassandra.deleteRecursively(directory);
  }

  @Test
  void aTakenCassandraPortIsOneClearErrorLineAndANonZeroExit() throws Exception {
    NodeProcess.Ports ports = NodeProcess.Ports.free();
    try (ServerSocket taken = new ServerSocket(ports.cql(), 50, InetAddress.getLoopbackAddress())) {
      node = NodeProcess.start(directory, ports);

      int exitCode = node.awaitExit(Duration.ofSeconds(60));

      assertNotEquals(0, exitCode);
      List<String> errors = node.stderr().stream().filter(line -> line.startsWith("livechat:")).toList();
      assertEquals(
          List.of(
              "livechat: cannot start the embedded Cassandra: its CQL port 127.0.0.1:"
                  + ports.cql()
                  + " is already in use"),
          errors);
    }
  }
}
