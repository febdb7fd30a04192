package livechat.http.channels;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the widget and the transfer picker read of a channel: who can answer, who is in it. */
class ChannelStatusTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("channel_status", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aChannelIsAvailableWhileAJoinedOperatorHasRoom() {
    String channelId = fixture.channel("Website");
    JsonNode empty = status(channelId);
    assertEquals(channelId, empty.get("id").asText());
    assertEquals("Website", empty.get("name").asText());
    assertFalse(empty.get("available").asBoolean());
    assertEquals(0, empty.get("waiting").asInt());

    ApiClient marc = fixture.operator("Marc", 1, server.uri(""));
    expect(200, marc.post("/api/channels/" + channelId + "/join", ""));
    assertTrue(status(channelId).get("available").asBoolean());

    fixture.startConversation(channelId);
    Awaitility.await()
        .untilAsserted(() -> assertFalse(status(channelId).get("available").asBoolean()));
    fixture.startConversation(channelId);
    assertEquals(1, status(channelId).get("waiting").asInt());

    expect(200, marc.post("/api/channels/" + channelId + "/leave", ""));
    assertFalse(status(channelId).get("available").asBoolean());
  }

  @Test
  void theStatusOfAnUnknownChannelIs404() {
    assertError(404, "unknown_channel", server.get("/api/channels/no-such-channel/status"));
  }

  @Test
  void operatorsOfAChannelAreListedForTheTransferPicker() {
    String channelId = fixture.channel("Support");
    ApiClient anne = fixture.operator("Anne", channelId);
    ApiClient marc = fixture.operator("Marc", 3, server.uri(""));
    expect(200, marc.patch("/api/me", "{\"onlineChatName\": \"Marco\"}"));
    expect(200, marc.post("/api/channels/" + channelId + "/join", ""));

    JsonNode operators = expect(200, anne.get("/api/channels/" + channelId + "/operators"));
    assertEquals(2, operators.size());
    JsonNode first = operators.get(0);
    assertEquals("Anne", first.get("displayName").asText());
    assertEquals("online", first.get("status").asText());
    assertEquals(0, first.get("activeConversations").asInt());
    assertEquals(5, first.get("capacity").asInt());
    JsonNode second = operators.get(1);
    assertEquals("Marco", second.get("displayName").asText());
    assertEquals(3, second.get("capacity").asInt());
    assertEquals(expect(200, marc.get("/api/me")).get("id").asText(), second.get("id").asText());
  }

  @Test
  void theOperatorsListNeedsAnOperatorAndAKnownChannel() {
    String channelId = fixture.channel("Sales");
    ApiClient marc = fixture.operator("Marc", null);
    assertError(
        401,
        "unauthorized",
        new ApiClient(server, null).get("/api/channels/" + channelId + "/operators"));
    assertError(403, "forbidden", fixture.admin().get("/api/channels/" + channelId + "/operators"));
    assertError(404, "unknown_channel", marc.get("/api/channels/no-such-channel/operators"));
  }

  @Test
  void theAdminListsEveryChannel() {
    String channelId = fixture.channel("Everything");
    JsonNode cards = expect(200, fixture.admin().get("/api/channels"));
    boolean listed = false;
    for (JsonNode card : cards) {
      if (card.get("id").asText().equals(channelId)) {
        listed = true;
        assertFalse(card.get("joined").asBoolean());
      }
    }
    assertTrue(listed);
  }

  private static JsonNode status(String channelId) {
    return expect(200, server.get("/api/channels/" + channelId + "/status"));
  }
}
