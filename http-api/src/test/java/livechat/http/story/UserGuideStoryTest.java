package livechat.http.story;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.ErrorBody;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's side of the user guide ("Participate in live chat"), end to end on a real server,
 * the real Cassandra, real HTTP and WebSocket clients.
 */
class UserGuideStoryTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("user_guide", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aFrenchVisitorChatsWithMarcWhomAnneCannotSee() {
    expect(
        200, fixture.admin().put("/api/admin/languages", "{\"enabled\": [\"en_US\", \"fr_FR\"]}"));
    String channelId = fixture.channel("Website");
    ApiClient asAnne = fixture.operator("Anne Martin", null);
    ApiClient asMarc = fixture.operator("Marc Dupont", null);

    JsonNode marcProfile =
        expect(
            200,
            asMarc.patch(
                "/api/me", "{\"onlineChatName\": \"Marc\", \"chatLanguages\": [\"fr_FR\"]}"));
    assertEquals("Marc", marcProfile.get("displayName").asText());
    JsonNode card = expect(200, asAnne.post("/api/channels/" + channelId + "/join", ""));
    assertTrue(card.get("joined").asBoolean());
    expect(200, asMarc.post("/api/channels/" + channelId + "/join", ""));

    try (WsClient marcSocket = WsClient.connect(server, asMarc.token());
        WsClient anneSocket = WsClient.connect(server, asAnne.token())) {
      marcSocket.send("{\"type\": \"ping\"}");
      marcSocket.awaitType("pong");
      anneSocket.send("{\"type\": \"ping\"}");
      anneSocket.awaitType("pong");

      JsonNode started = startAsFrenchVisitor(channelId);
      assertEquals("active", started.get("status").asText());
      assertEquals("Marc", started.get("operator").get("displayName").asText());
      String conversationId = started.get("conversationId").asText();
      ApiClient asVisitor = new ApiClient(server, started.get("visitorToken").asText());
      JsonNode assigned = marcSocket.awaitType("assigned");
      assertEquals(conversationId, assigned.get("conversation").get("id").asText());

      try (WsClient visitorSocket =
          WsClient.connect(server, started.get("visitorToken").asText())) {
        visitorSocket.send(send(conversationId, "Bonjour, ma commande n'est pas arrivée.", "v-1"));
        assertEquals(1, visitorSocket.awaitType("ack").get("seq").asLong());
        JsonNode atMarc = marcSocket.awaitMessages(conversationId, 1).get(0);
        assertEquals("visitor", atMarc.get("author").get("kind").asText());
        assertEquals("Bonjour, ma commande n'est pas arrivée.", atMarc.get("text").asText());

        marcSocket.send(send(conversationId, "Bonjour ! Je regarde.", "m-1"));
        assertEquals(2, marcSocket.awaitType("ack").get("seq").asLong());
        JsonNode atVisitor = visitorSocket.awaitMessages(conversationId, 2).get(1);
        assertEquals("Marc", atVisitor.get("author").get("displayName").asText());

        expect(200, asMarc.patch("/api/me", "{\"onlineChatName\": null}"));
        awaitOperatorName(asVisitor, conversationId, "Marc Dupont");
        marcSocket.send(send(conversationId, "C'est réglé.", "m-2"));
        JsonNode renamed = visitorSocket.awaitMessages(conversationId, 1).get(0);
        assertEquals(3, renamed.get("seq").asLong());
        assertEquals("Marc Dupont", renamed.get("author").get("displayName").asText());
        assertTrue(
            anneSocket.drain().stream().noneMatch(f -> f.path("type").asText().equals("message")));

        assertEquals(403, asAnne.get("/api/conversations/" + conversationId).statusCode());
        assertEquals(
            403, asAnne.get("/api/conversations/" + conversationId + "/messages").statusCode());
        assertEquals(
            403,
            asAnne
                .post(
                    "/api/conversations/" + conversationId + "/messages",
                    "{\"text\": \"Hi\", \"clientMessageId\": \"a-1\"}")
                .statusCode());
        assertTrue(
            inbox(asAnne).stream().noneMatch(e -> e.get("id").asText().equals(conversationId)));

        visitorSocket.send(send(conversationId, "Merci beaucoup !", "v-2"));
        assertEquals(4, visitorSocket.awaitType("ack").get("seq").asLong());
        JsonNode unread = inboxEntry(asMarc, conversationId);
        assertEquals(1, unread.get("unread").asInt());
        assertEquals("Merci beaucoup !", unread.get("lastMessage").get("text").asText());
        expect(204, asMarc.post("/api/conversations/" + conversationId + "/seen", "{\"seq\": 4}"));
        assertEquals(0, inboxEntry(asMarc, conversationId).get("unread").asInt());
      }
    }
  }

  private static JsonNode startAsFrenchVisitor(String channelId) {
    return expect(
        201,
        server.send(
            HttpRequest.newBuilder(server.uri("/api/channels/" + channelId + "/conversations"))
                .header("Content-Type", "application/json")
                .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"pageUrl\": \"https://shop.example/\"}"))));
  }

  private static void awaitOperatorName(ApiClient visitor, String conversationId, String name) {
    server
        .testKit()
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              JsonNode view = expect(200, visitor.get("/api/conversations/" + conversationId));
              assertEquals(name, view.get("operator").get("displayName").asText());
              return null;
            });
  }

  private static List<JsonNode> inbox(ApiClient operator) {
    JsonNode list = expect(200, operator.get("/api/conversations"));
    List<JsonNode> entries = new ArrayList<>();
    list.forEach(entries::add);
    return entries;
  }

  private static JsonNode inboxEntry(ApiClient operator, String conversationId) {
    return inbox(operator).stream()
        .filter(entry -> entry.get("id").asText().equals(conversationId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not in the inbox: " + conversationId));
  }

  private static String send(String conversationId, String text, String clientMessageId) {
    return "{\"type\": \"send\", \"conversationId\": \""
        + conversationId
        + "\", \"text\": "
        + ErrorBody.read("\"" + text.replace("\"", "\\\"") + "\"")
        + ", \"clientMessageId\": \""
        + clientMessageId
        + "\"}";
  }
}
