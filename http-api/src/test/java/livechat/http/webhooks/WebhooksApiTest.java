package livechat.http.webhooks;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through the API: registered, listed, removed, refused when malformed; and delivered to a
 * real HTTP receiver, signed, in each conversation's order, again after the receiver failed.
 */
class WebhooksApiTest {

  private static final String ALL_EVENTS =
      "[\"conversation.started\", \"conversation.assigned\", \"conversation.message\","
          + " \"conversation.transferred\", \"conversation.closed\", \"conversation.rated\","
          + " \"operator.disconnected\"]";
  private static final Duration DELIVERED = Duration.ofSeconds(60);

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static ApiClient admin;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "webhooks_api",
            List.of(),
            ConfigFactory.parseString(
                "livechat.webhooks { refresh-interval = 1s, retry-min-delay = 200ms,"
                    + " retry-max-delay = 1s }"));
    fixture = new ChatFixture(server);
    admin = fixture.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aWebhookIsRegisteredListedWithoutItsSecretAndRemoved() {
    JsonNode created =
        expect(
            201,
            admin.post(
                "/api/admin/webhooks",
                "{\"url\": \"https://crm.example.com/livechat\", \"events\":"
                    + " [\"conversation.closed\", \"conversation.closed\"], \"secret\":"
                    + " \"s3cret\"}"));
    String id = created.get("id").asText();
    assertEquals("https://crm.example.com/livechat", created.get("url").asText());
    assertEquals("[\"conversation.closed\"]", created.get("events").toString());
    assertFalse(created.has("secret"));

    JsonNode listed = find(id);
    assertEquals("https://crm.example.com/livechat", listed.get("url").asText());
    assertTrue(listed.get("lastDelivery").isNull(), listed.toString());
    assertFalse(listed.has("secret"));

    expect(204, admin.delete("/api/admin/webhooks/" + id));
    assertEquals(null, find(id));
    assertError(404, "unknown_webhook", admin.delete("/api/admin/webhooks/" + id));
    assertError(404, "unknown_webhook", admin.delete("/api/admin/webhooks/not-an-id"));
  }

  @Test
  void aMalformedWebhookIsRefusedAndNothingIsRegistered() {
    int before = webhooks().size();
    String url = "\"url\": \"https://crm.example.com/hook\"";
    String events = "\"events\": [\"conversation.closed\"]";
    String secret = "\"secret\": \"s3cret\"";
    assertError(400, "missing_field", post("{" + events + ", " + secret + "}"));
    assertError(
        400,
        "invalid_url",
        post("{\"url\": \"ftp://crm.example.com/\", " + events + ", " + secret + "}"));
    assertError(
        400, "invalid_url", post("{\"url\": \"/relative\", " + events + ", " + secret + "}"));
    assertError(400, "invalid_events", post("{" + url + ", \"events\": [], " + secret + "}"));
    assertError(
        400,
        "invalid_events",
        post("{" + url + ", \"events\": [\"conversation.deleted\"], " + secret + "}"));
    assertError(
        400,
        "invalid_field",
        post("{" + url + ", \"events\": \"conversation.closed\", " + secret + "}"));
    assertError(400, "invalid_secret", post("{" + url + ", " + events + ", \"secret\": \"  \"}"));
    assertEquals(before, webhooks().size());
  }

  @Test
  void aConversationsEventsArriveSignedInOrderAfterTheReceiverFailed() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.failUntil(Instant.MAX);
      String secret = "secret-" + UUID.randomUUID();
      String webhookId =
          expect(
                  201,
                  post(
                      "{\"url\": \""
                          + receiver.url()
                          + "\", \"events\": "
                          + ALL_EVENTS
                          + ", \"secret\": \""
                          + secret
                          + "\"}"))
              .get("id")
              .asText();
      String channelId = fixture.channel("Webhooks");
      ApiClient operator = fixture.operator("Hook", channelId);
      String operatorId = expect(200, operator.get("/api/me")).get("id").asText();
      JsonNode started = fixture.startConversation(channelId);
      String conversationId = started.get("conversationId").asText();
      ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
      String path = "/api/conversations/" + conversationId;
      expect(201, visitor.post(path + "/messages", ChatFixture.messageBody("Hello", "v1")));
      expect(
          201,
          operator.post(path + "/messages", ChatFixture.messageBody("Hi, how can I help?", "o1")));
      expect(200, operator.post(path + "/close", ""));
      expect(204, visitor.post(path + "/rating", "{\"value\": 5, \"comment\": \"Quick\"}"));
      expect(200, admin.patch("/api/admin/operators/" + operatorId, "{\"disabled\": true}"));

      // the receiver fails the first conversation event twice, then takes every delivery (the
      // operator's events come in a stream of their own, which may fail first)
      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  receiver.deliveries().stream()
                          .filter(failed -> failed.answered() == 500)
                          .filter(failed -> failed.json().get("data").has("conversationId"))
                          .count()
                      >= 2);
      receiver.failUntil(Instant.now());
      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  receiver.acceptedBySubject().getOrDefault(conversationId, List.of()).size() >= 7
                      && receiver.acceptedBySubject().containsKey(operatorId));

      List<JsonNode> events = receiver.acceptedBySubject().get(conversationId);
      assertEquals(
          List.of(
              "conversation.started",
              "conversation.assigned",
              "conversation.message",
              "conversation.message",
              "conversation.message",
              "conversation.closed",
              "conversation.rated"),
          events.stream().map(event -> event.get("type").asText()).toList());
      assertEquals("Hello", events.get(2).get("data").get("message").get("text").asText());
      assertEquals(
          "visitor", events.get(2).get("data").get("message").get("author").get("kind").asText());
      assertEquals(
          "system", events.get(4).get("data").get("message").get("author").get("kind").asText());
      assertEquals(channelId, events.get(0).get("data").get("channelId").asText());
      assertEquals(operatorId, events.get(1).get("data").get("operator").get("id").asText());
      assertEquals(5, events.get(6).get("data").get("rating").get("value").asInt());
      JsonNode disconnected = receiver.acceptedBySubject().get(operatorId).get(0);
      assertEquals("operator.disconnected", disconnected.get("type").asText());
      assertEquals("disabled", disconnected.get("data").get("reason").asText());

      List<WebhookReceiver.Delivery> failed =
          receiver.deliveries().stream()
              .filter(delivery -> delivery.answered() == 500)
              .filter(delivery -> delivery.json().get("data").has("conversationId"))
              .toList();
      assertEquals(
          events.get(0).get("id").asText(),
          failed.get(0).json().get("id").asText(),
          "the event that failed is delivered again, with the same id");
      for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
        assertEquals(
            WebhookReceiver.expectedSignature(delivery.body(), secret), delivery.signature());
      }
      await()
          .atMost(DELIVERED)
          .untilAsserted(
              () -> assertEquals(204, find(webhookId).get("lastDelivery").get("status").asInt()));
      expect(204, admin.delete("/api/admin/webhooks/" + webhookId));
    }
  }

  private static java.net.http.HttpResponse<String> post(String json) {
    return admin.post("/api/admin/webhooks", json);
  }

  private static List<JsonNode> webhooks() {
    JsonNode list = expect(200, admin.get("/api/admin/webhooks"));
    List<JsonNode> all = new java.util.ArrayList<>();
    list.forEach(all::add);
    return all;
  }

  private static JsonNode find(String id) {
    return webhooks().stream()
        .filter(webhook -> webhook.get("id").asText().equals(id))
        .findFirst()
        .orElse(null);
  }
}
