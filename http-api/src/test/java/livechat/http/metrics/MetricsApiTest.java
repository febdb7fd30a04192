package livechat.http.metrics;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.health.CassandraAvailability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} serves the node's registry in Prometheus' text format. */
class MetricsApiTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("metrics_api", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void requestsOfAConversationAreCountedByRouteTemplateMethodAndStatus() {
    String channelId = fixture.channel("Metrics");
    double before = sentMessages(scrape());
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    for (int i = 1; i <= 3; i++) {
      expect(
          201,
          visitor.post(
              "/api/conversations/" + conversationId + "/messages",
              "{\"text\": \"hello " + i + "\", \"clientMessageId\": \"m" + i + "\"}"));
    }

    String metrics = scrape();

    assertEquals(before + 3, sentMessages(metrics));
    assertTrue(
        metrics.contains(
            "livechat_http_requests_seconds_bucket{class=\"api\",method=\"POST\","
                + "route=\"/api/conversations/{id}/messages\",status=\"201\",le=\""),
        "a latency histogram per route");
    assertFalse(metrics.contains(conversationId), "no id in any label");
  }

  @Test
  void aConversationMovesTheEngineSeries() {
    String channelId = fixture.channel("Engine metrics");
    fixture.operator("Ann", channelId);
    String before = scrape();

    JsonNode started = fixture.startConversation(channelId);
    assertEquals("active", started.get("status").asText());
    String conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    expect(200, visitor.post("/api/conversations/" + conversationId + "/close", ""));

    String after = scrape();
    for (String counter :
        List.of(
            "livechat_conversations_started_total",
            "livechat_conversations_assigned_total",
            "livechat_conversations_closed_total",
            "livechat_queue_wait_seconds_count",
            "livechat_assignment_latency_seconds_count")) {
      assertEquals(
          value(before, counter).orElse(0.0) + 1, value(after, counter).orElseThrow(), counter);
    }
    assertEquals(
        Optional.of(0.0),
        value(after, "livechat_queue_length{channel=\"" + channelId + "\"}"),
        "the queue is empty again");
    assertTrue(after.contains("livechat_assignment_latency_seconds_bucket{le="));
    assertEquals(Optional.of(1.0), value(after, "livechat_cassandra_available"));
  }

  @Test
  void persistFailuresAndCassandraAvailabilityAreServedAsTheNodeSeesThem() {
    Metrics.get(server.testKit().system()).engine().journalFailed("Conversation");
    CassandraAvailability cassandra = CassandraAvailability.get(server.testKit().system());
    String scraped;
    try {
      cassandra.failed();
      scraped = scrape();
    } finally {
      cassandra.answered();
    }

    assertTrue(
        value(scraped, "livechat_persist_failures_total{entity=\"Conversation\"}").orElseThrow()
            >= 1);
    assertEquals(Optional.of(0.0), value(scraped, "livechat_cassandra_available"));
    assertEquals(Optional.of(1.0), value(scrape(), "livechat_cassandra_available"));
  }

  @Test
  void jvmMemoryGcAndThreadsAreThere() {
    String metrics = scrape();

    assertTrue(metrics.contains("jvm_memory_used_bytes{"));
    assertTrue(metrics.contains("jvm_threads_live_threads "));
    assertTrue(metrics.contains("jvm_gc_"));
    assertTrue(metrics.contains("process_uptime_seconds "));
  }

  @Test
  void socketsAndMessagesAreServedAsTheSessionReportsThem() {
    Metrics metrics = Metrics.get(server.testKit().system());
    metrics.sockets().opened("operator");
    metrics.sockets().opened("visitor");
    metrics.sockets().opened("visitor");
    metrics.sockets().closed("operator");
    metrics.messages().stored(Duration.ofMillis(40));
    metrics.messages().delivered();

    String scraped = scrape();

    assertEquals(Optional.of(0.0), value(scraped, "livechat_websockets_open{kind=\"operator\"}"));
    assertEquals(Optional.of(2.0), value(scraped, "livechat_websockets_open{kind=\"visitor\"}"));
    assertTrue(value(scraped, "livechat_messages_stored_total").orElseThrow() >= 1);
    assertTrue(value(scraped, "livechat_messages_delivered_total").orElseThrow() >= 1);
    assertTrue(value(scraped, "livechat_message_send_to_ack_seconds_count").orElseThrow() >= 1);
    assertTrue(scraped.contains("livechat_message_send_to_ack_seconds_bucket{le="));
  }

  @Test
  void madeUpPathsAddNoSeries() {
    server.get("/api/one-made-up-path");
    server.get("/api/another/made-up/path");

    String metrics = scrape();

    assertFalse(metrics.contains("made-up"));
    assertTrue(metrics.contains("route=\"unmatched\",status=\"404\""));
  }

  private static String scrape() {
    HttpResponse<String> response = server.get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    return response.body();
  }

  private static double sentMessages(String metrics) {
    return value(
            metrics,
            "livechat_http_requests_seconds_count{class=\"api\",method=\"POST\","
                + "route=\"/api/conversations/{id}/messages\",status=\"201\"}")
        .orElse(0.0);
  }

  private static Optional<Double> value(String metrics, String series) {
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
  }
}
