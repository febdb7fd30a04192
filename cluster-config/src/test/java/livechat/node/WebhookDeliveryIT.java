package livechat.node;

import static livechat.http.ApiClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import livechat.http.ApiClient;
import livechat.http.ChatFixture;
import livechat.http.WebhookReceiver;
import livechat.persistence.CassandraSettings;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as an integrating backend gets them from the packaged node: its receiver fails for 30 s,
 * then takes deliveries slowly, and the node is killed ({@code kill -9}) while it delivers and
 * started again. Every event of every conversation arrives, in each conversation's order, signed;
 * an event that arrives twice has the same id and the same body.
 */
class WebhookDeliveryIT {

  private static final String ADMIN_TOKEN = "webhook-admin-token-of-24-characters";
  private static final String TOKEN_SECRET = "webhook-token-secret-of-at-least-32-characters";
  private static final String KEYSPACE = "webhook_it";
  private static final String SECRET = "the receiver's shared secret";
  private static final Duration START = Duration.ofSeconds(120);
  private static final List<String> CONVERSATION_EVENTS =
      List.of(
          "conversation.started",
          "conversation.assigned",
          "conversation.message",
          "conversation.message",
          "conversation.message",
          "conversation.message",
          "conversation.message",
          "conversation.closed",
          "conversation.rated");

  private final WebhookReceiver receiver = new WebhookReceiver();
  private NodeProcess node;
  private Path directory;

  @AfterEach
  void stopEverything() {
    receiver.close();
    if (node != null) {
      node.kill();
    }
    TestCassandra.deleteRecursively(directory);
  }

  @Test
  void everyEventArrivesInOrderThroughAFailingReceiverAndAKilledNode() throws Exception {
    CassandraSettings cassandra = TestCassandra.keyspace(KEYSPACE);
    directory = Files.createTempDirectory("livechat-webhook-node");
    NodeProcess.Ports ports = NodeProcess.Ports.free();
    Map<String, String> environment =
        Map.of(
            "LIVECHAT_CASSANDRA_CONTACT_POINTS",
            cassandra.contactPoints().get(0),
            "LIVECHAT_CASSANDRA_KEYSPACE",
            KEYSPACE,
            "LIVECHAT_SEED_NODES",
            "127.0.0.1:" + ports.cluster(),
            "LIVECHAT_ADMIN_TOKEN",
            ADMIN_TOKEN,
            "LIVECHAT_TOKEN_SECRET",
            TOKEN_SECRET,
            "LIVECHAT_WEBHOOKS_RETRY_MAX_DELAY",
            "4s");
    node = NodeProcess.start(directory, ports, environment);
    node.awaitHealthy(START);
    ApiClient admin = new ApiClient(node.http(), ADMIN_TOKEN);
    ChatFixture fixture = new ChatFixture(admin);

    receiver.failFromTheFirstFor(Duration.ofSeconds(30));
    receiver.answerAfter(Duration.ofMillis(100));
    expect(
        201,
        admin.post(
            "/api/admin/webhooks",
            "{\"url\": \""
                + receiver.url()
                + "\", \"events\": [\"conversation.started\", \"conversation.assigned\","
                + " \"conversation.message\", \"conversation.closed\", \"conversation.rated\"],"
                + " \"secret\": \""
                + SECRET
                + "\"}"));
    String channelId = fixture.channel("Webhooks");
    ApiClient operator = fixture.operator("Hook", channelId);
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      conversations.add(chat(channelId, operator, i));
    }

    // the receiver fails for 30 s from the first delivery, then takes one delivery per 100 ms: kill
    // the node meanwhile
    await().atMost(Duration.ofSeconds(120)).until(() -> receiver.accepted().size() >= 10);
    assertTrue(
        receiver.deliveries().stream().anyMatch(delivery -> delivery.answered() == 500),
        "the receiver failed first");
    node.kill();
    int acceptedBeforeTheKill = receiver.accepted().size();
    assertTrue(
        acceptedBeforeTheKill < conversations.size() * CONVERSATION_EVENTS.size(),
        "killed during delivery");

    node = NodeProcess.start(directory, ports, environment);
    node.awaitHealthy(START);
    // the same ports: the clients and the operator's token work on the restarted node
    for (int i = 0; i < 2; i++) {
      conversations.add(chat(channelId, operator, 10 + i));
    }

    int expected = conversations.size() * CONVERSATION_EVENTS.size();
    await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                receiver.acceptedBySubject().values().stream().mapToInt(List::size).sum()
                    >= expected);

    Map<String, List<JsonNode>> bySubject = receiver.acceptedBySubject();
    for (String conversationId : conversations) {
      List<JsonNode> events = bySubject.get(conversationId);
      assertEquals(
          CONVERSATION_EVENTS,
          events.stream().map(event -> event.get("type").asText()).toList(),
          "the events of " + conversationId + " in order");
      List<Long> seqs =
          events.stream()
              .filter(event -> event.get("type").asText().equals("conversation.message"))
              .map(event -> event.get("data").get("message").get("seq").asLong())
              .toList();
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs, "the messages of " + conversationId);
    }
    assertEquals(conversations.size(), bySubject.size(), "no event of anything else");

    Map<String, String> bodyById = new HashMap<>();
    int duplicates = 0;
    for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
      assertEquals(
          WebhookReceiver.expectedSignature(delivery.body(), SECRET), delivery.signature());
      String id = delivery.json().get("id").asText();
      String earlier = bodyById.putIfAbsent(id, delivery.body());
      if (earlier != null) {
        duplicates++;
        assertEquals(earlier, delivery.body(), "a duplicate is the same event");
      }
    }
    System.out.printf(
        "webhooks: %d events delivered in order through 30 s of failures and a kill -9; %d"
            + " deliveries, %d accepted before the kill, %d repeated%n",
        expected, receiver.deliveries().size(), acceptedBeforeTheKill, duplicates);
  }

  /**
   * A conversation of five messages (the last the system's, on close), closed and rated. Each call
   * answered 503 (Cassandra slow to answer the node's probe on a busy machine) is made again, as a
   * client does: a message by its clientMessageId and a close are stored once however often they
   * are sent, and a rating is sent again only if it was not stored.
   */
  private static String chat(String channelId, ApiClient operator, int n) {
    ApiClient anyone = new ApiClient(operator.base(), null);
    JsonNode started =
        expect(
            201,
            answered(() -> anyone.post("/api/channels/" + channelId + "/conversations", "{}")));
    String conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(operator.base(), started.get("visitorToken").asText());
    String path = "/api/conversations/" + conversationId;
    expect(201, answered(() -> visitor.post(path + "/messages", message("Hello " + n, "v1"))));
    expect(
        201, answered(() -> operator.post(path + "/messages", message("How can I help?", "o1"))));
    expect(
        201, answered(() -> visitor.post(path + "/messages", message("Where is my order?", "v2"))));
    expect(201, answered(() -> operator.post(path + "/messages", message("On its way.", "o2"))));
    expect(200, answered(() -> operator.post(path + "/close", "")));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                answered(() -> visitor.get(path)).body().contains("\"rating\":{")
                    || visitor.post(path + "/rating", "{\"value\": 5}").statusCode() == 204);
    return conversationId;
  }

  /** The first answer that is not a 503, asking again after each 503. */
  private static HttpResponse<String> answered(Supplier<HttpResponse<String>> call) {
    AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .pollDelay(Duration.ZERO)
        .until(
            () -> {
              answer.set(call.get());
              return answer.get().statusCode() != 503;
            });
    return answer.get();
  }

  private static String message(String text, String clientMessageId) {
    return "{\"text\": \"" + text + "\", \"clientMessageId\": \"" + clientMessageId + "\"}";
  }
}
