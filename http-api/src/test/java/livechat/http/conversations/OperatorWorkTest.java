package livechat.http.conversations;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator sees and does beyond chatting: channel changes, typing, transfers. */
class OperatorWorkTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("operator_work", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theOperatorsSocketHearsOfChannelChangesAndTheVisitorTyping() {
    String channelId = fixture.channel("Website");
    ApiClient marc = fixture.operator("Marc", null);
    try (WsClient socket = WsClient.connect(server, marc.token())) {
      socket.send("{\"type\": \"ping\"}");
      socket.awaitType("pong");

      JsonNode card = expect(200, marc.post("/api/channels/" + channelId + "/join", ""));
      assertEquals(1, card.get("operators").asInt());
      JsonNode channels = socket.awaitType("channels");
      assertEquals(channelId, channels.get("channels").get(0).asText());
      assertEquals("joined", channels.get("reason").asText());

      JsonNode started = fixture.startConversation(channelId);
      String conversationId = started.get("conversationId").asText();
      socket.awaitType("assigned");
      try (WsClient visitor = WsClient.connect(server, started.get("visitorToken").asText())) {
        visitor.send("{\"type\": \"typing\", \"conversationId\": \"" + conversationId + "\"}");
        JsonNode typing = socket.awaitType("typing");
        assertEquals(conversationId, typing.get("conversationId").asText());
        assertEquals("visitor", typing.get("author").get("kind").asText());
      }

      expect(200, marc.post("/api/channels/" + channelId + "/leave", ""));
      assertEquals("left", socket.awaitType("channels").get("reason").asText());
      JsonNode website = null;
      for (JsonNode listed : expect(200, marc.get("/api/channels"))) {
        if (listed.get("id").asText().equals(channelId)) {
          website = listed;
        }
      }
      assertEquals("Website", website.get("name").asText());
      assertEquals(false, website.get("joined").asBoolean());
      assertEquals(0, website.get("operators").asInt());
    }
  }

  @Test
  void aConversationIsTransferredToAnotherOperatorOfTheChannel() {
    String channelId = fixture.channel("Support");
    ApiClient marc = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    ApiClient anne = fixture.operator("Anne", null);
    String anneId = expect(200, anne.get("/api/me")).get("id").asText();
    String marcId = expect(200, marc.get("/api/me")).get("id").asText();
    String transfer = "/api/conversations/" + conversationId + "/transfer";

    assertError(
        409, "transfer_to_self", marc.post(transfer, "{\"operatorId\": \"" + marcId + "\"}"));
    assertError(
        409,
        "operator_not_in_channel",
        marc.post(transfer, "{\"operatorId\": \"" + anneId + "\"}"));
    expect(200, anne.post("/api/channels/" + channelId + "/join", ""));

    JsonNode moved = expect(200, marc.post(transfer, "{\"operatorId\": \"" + anneId + "\"}"));

    assertEquals("Anne", moved.get("operator").get("displayName").asText());
    assertEquals(0, expect(200, marc.get("/api/me")).get("activeConversations").asInt());
    assertEquals(1, expect(200, anne.get("/api/me")).get("activeConversations").asInt());
    assertEquals(403, marc.get("/api/conversations/" + conversationId).statusCode());
    JsonNode messages =
        expect(200, anne.get("/api/conversations/" + conversationId + "/messages")).get("messages");
    assertEquals("system", messages.get(0).get("author").get("kind").asText());
    assertEquals(
        "Marc transferred the conversation to Anne.", messages.get(0).get("text").asText());
  }
}
