package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged node run as a user runs it: healthy with its embedded Cassandra, stopped with
 * SIGTERM, started again on the same data.
 */
class NodeRestartIT extends NodeProcessTest {

  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration STOP = Duration.ofSeconds(60);

  @Test
  void enabledLanguagesSurviveASigtermAndASecondStart() {
    node = NodeProcess.start(directory, NodeProcess.Ports.free());
    node.awaitHealthy(START);
    String adminToken = node.printedAdminToken();
    assertTrue(
        node.stdout().contains("livechat: listening on http://127.0.0.1:" + node.ports().http()),
        node.stdout().toString());

    HttpResponse<String> put =
        node.putJson("/api/admin/languages", adminToken, "{\"enabled\": [\"en_US\", \"fr_FR\"]}");
    assertEquals(200, put.statusCode(), put.body());

    List<ProcessHandle> cassandra = node.children();
    assertFalse(cassandra.isEmpty(), "the node runs its own Cassandra");
    node.terminate(STOP);
    assertTrue(cassandra.stream().noneMatch(ProcessHandle::isAlive), "Cassandra stopped too");

    node = NodeProcess.start(directory, node.ports());
    node.awaitHealthy(START);
    assertEquals(adminToken, node.printedAdminToken(), "the development token is kept");
    // a node just started may still answer a call 503 with Retry-After, as a client then retries
    HttpResponse<String> get = node.getAnswered("/api/languages", START);
    assertEquals(200, get.statusCode());
    assertEquals("{\"enabled\":[\"en_US\",\"fr_FR\"]}", get.body());
    node.terminate(STOP);
  }
}
