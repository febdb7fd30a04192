package livechat.http.errors;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The limits that protect a node: the visitor's message rate, and idle sockets. */
class LimitsTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static String channelId;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "limits",
            List.of(),
            ConfigFactory.parseString(
                "livechat.conversation.visitor-messages-per-minute = 5\n"
                    + "livechat.websocket.idle-timeout = 2s"));
    fixture = new ChatFixture(server);
    channelId = fixture.channel("Website");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aVisitorOverItsMessageRateGets429OverHttpAndAnErrorFrameOverTheSocket() {
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    for (int i = 1; i <= 5; i++) {
      expect(
          201,
          visitor.post(
              "/api/conversations/" + conversationId + "/messages",
              "{\"text\": \"message " + i + "\", \"clientMessageId\": \"m" + i + "\"}"));
    }

    assertError(
        429,
        "rate_limited",
        visitor.post(
            "/api/conversations/" + conversationId + "/messages",
            "{\"text\": \"one more\", \"clientMessageId\": \"m6\"}"));
    try (WsClient socket = WsClient.connect(server, visitor.token())) {
      socket.send(ChatFixture.sendFrame(conversationId, "one more", "m7"));
      JsonNode error = socket.awaitType("error");
      assertEquals("rate_limited", error.get("code").asText());
      assertEquals("m7", error.get("clientMessageId").asText());
    }
    assertEquals(
        5,
        expect(200, visitor.get("/api/conversations/" + conversationId)).get("lastSeq").asLong());
  }

  @Test
  void aSocketSilentForTheIdleTimeoutIsToldWhyAndClosed() {
    JsonNode started = fixture.startConversation(channelId);
    try (WsClient socket = WsClient.connect(server, started.get("visitorToken").asText())) {
      assertEquals("idle_timeout", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
  }
}
