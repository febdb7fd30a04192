package livechat.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import livechat.persistence.CassandraSettings;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.Test;

/**
 * A production node (Cassandra contact points, secrets from the environment) as a process: it keeps
 * its secrets to itself, logs JSON with a request id per request, and serves liveness, readiness
 * and metrics.
 */
class ProductionNodeIT extends NodeProcessTest {

  private static final String ADMIN_TOKEN = "production-admin-token-of-24-plus";
  private static final String TOKEN_SECRET = "production-token-secret-of-at-least-32-chars";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aProductionNodeKeepsItsSecretsLogsJsonAndServesHealthAndMetrics() throws Exception {
    CassandraSettings cassandra = TestCassandra.keyspace("production_it");
    node =
        NodeProcess.start(
            directory,
            NodeProcess.Ports.free(),
            Map.of(
                "LIVECHAT_CASSANDRA_CONTACT_POINTS",
                cassandra.contactPoints().get(0),
                "LIVECHAT_CASSANDRA_KEYSPACE",
                "production_it",
                "LIVECHAT_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "LIVECHAT_TOKEN_SECRET",
                TOKEN_SECRET));
    node.awaitHealthy(Duration.ofSeconds(120));

    assertEquals(200, node.get("/health/live").statusCode());
    assertEquals(200, node.get("/health/ready").statusCode());
    HttpResponse<String> traced =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.http().resolve("/api/languages"))
                    .header("X-Request-Id", "trace-42")
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals("trace-42", traced.headers().firstValue("X-Request-Id").orElseThrow());

    JsonNode accessLine =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> lineWithRequestId("trace-42"), Optional::isPresent)
            .orElseThrow();
    assertEquals("livechat.access", accessLine.get("logger_name").asText());
    assertEquals("/api/languages", accessLine.get("path").asText());
    assertEquals(traced.statusCode(), accessLine.get("status").asInt());
    String metrics = node.get("/metrics").body();
    assertTrue(metrics.contains("route=\"/api/languages\""), "the request is counted");
    assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
    String everythingPrinted = String.join("\n", node.stdout()) + String.join("\n", node.stderr());
    assertFalse(everythingPrinted.contains(ADMIN_TOKEN), "the admin token is never printed");
    assertFalse(everythingPrinted.contains(TOKEN_SECRET), "the token secret is never printed");
  }

  private Optional<JsonNode> lineWithRequestId(String requestId) {
    return node.stdout().stream()
        .filter(line -> line.startsWith("{"))
        .map(ProductionNodeIT::parse)
        .filter(line -> requestId.equals(line.path("request_id").asText()))
        .findFirst();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }
}
