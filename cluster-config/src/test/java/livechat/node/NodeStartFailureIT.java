package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.Test;

/** A node that cannot start says why in one line and exits, rather than hang. */
class NodeStartFailureIT extends NodeProcessTest {

  private static final String ADMIN_TOKEN = "an-admin-token-of-24-chars";
  private static final String TOKEN_SECRET = "a-token-secret-of-at-least-32-characters";

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

  @Test
  void aProductionNodeWithoutAnAdminTokenRefusesToStart() {
    assertRefused(
        Map.of("LIVECHAT_TOKEN_SECRET", TOKEN_SECRET),
        "livechat: no admin-token: set LIVECHAT_ADMIN_TOKEN (the same on every node)");
  }

  @Test
  void aProductionNodeWithAShortAdminTokenRefusesToStart() {
    assertRefused(
        Map.of("LIVECHAT_ADMIN_TOKEN", "x".repeat(23), "LIVECHAT_TOKEN_SECRET", TOKEN_SECRET),
        "livechat: LIVECHAT_ADMIN_TOKEN must be at least 24 characters long");
  }

  @Test
  void aProductionNodeWithAShortTokenSecretRefusesToStart() {
    assertRefused(
        Map.of("LIVECHAT_ADMIN_TOKEN", ADMIN_TOKEN, "LIVECHAT_TOKEN_SECRET", "x".repeat(31)),
        "livechat: LIVECHAT_TOKEN_SECRET must be at least 32 characters long");
  }

  /** A node given Cassandra contact points (nobody listens there) and these secrets. */
  private void assertRefused(Map<String, String> secrets, String error) {
    Map<String, String> environment = new HashMap<>(secrets);
    environment.put("LIVECHAT_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + TestCassandra.freePort());
    node = NodeProcess.start(directory, NodeProcess.Ports.free(), environment);

    assertEquals(1, node.awaitExit(Duration.ofSeconds(60)));
    assertEquals(
        List.of(error),
        node.stderr().stream().filter(line -> line.startsWith("livechat:")).toList());
    assertTrue(node.children().isEmpty(), "no embedded Cassandra started");
  }
}
