package livechat.http.operators;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What keeps an operator online: its own actions (heartbeats, sends, changes), not a page left open
 * that reads, pings and subscribes by itself. Runs with a 4 s inactivity timeout.
 */
class ActivityTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "activity",
            List.of(),
            ConfigFactory.parseString(
                "livechat.operator.inactivity-timeout = 4s\n"
                    + "livechat.operator.activity-resolution = 500ms"));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPageThatOnlyReadsAndPingsLetsItsOperatorGoWhileHeartbeatsKeepAnotherIn() {
    String channelId = fixture.channel("Website");
    ApiClient idle = fixture.operator("Idle", channelId);
    ApiClient working = fixture.operator("Working", channelId);
    try (WsClient idleSocket = WsClient.connect(server, idle.token())) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                // the idle operator's page polls and pings; the working one's sends heartbeats
                expect(200, idle.get("/api/channels"));
                expect(200, idle.get("/api/conversations"));
                idleSocket.send("{\"type\": \"ping\"}");
                expect(204, working.post("/api/me/heartbeat", ""));
                assertEquals("offline", expect(200, idle.get("/api/me")).get("status").asText());
              });
      assertEquals("inactivity", idleSocket.awaitType("channels").get("reason").asText());
    }
    assertEquals("online", expect(200, working.get("/api/me")).get("status").asText());
    JsonNode card = card(expect(200, working.get("/api/channels")), channelId);
    assertEquals(1, card.get("operators").asInt());
    assertTrue(card.get("joined").asBoolean());
  }

  private static JsonNode card(JsonNode cards, String channelId) {
    for (JsonNode card : cards) {
      if (card.get("id").asText().equals(channelId)) {
        return card;
      }
    }
    throw new AssertionError("no card for " + channelId + " in " + cards);
  }
}
