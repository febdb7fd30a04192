package livechat.http.errors;

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
 * The limits of one socket and one token: frames are read at most so fast (backpressure, nothing
 * dropped), a token holds at most so many sockets, and typing is passed on at most once per
 * interval.
 */
class SocketLimitsTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "socket_limits",
            List.of(),
            ConfigFactory.parseString(
                "livechat.websocket.frames-per-second = 5\n"
                    + "livechat.websocket.frames-burst = 5\n"
                    + "livechat.websocket.max-sockets-per-token = 2\n"
                    + "livechat.websocket.typing-interval = 1h"));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void framesPastTheRateAreReadLaterNotDropped() {
    ApiClient marc = fixture.operator("Marc", null);
    try (WsClient socket = WsClient.connect(server, marc.token())) {
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        socket.send("{\"type\": \"ping\"}");
      }
      for (int i = 0; i < 20; i++) {
        socket.awaitType("pong");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // 5 at once, then 15 at 5 a second: no sooner than 3 s, whatever the machine
      assertTrue(took.compareTo(Duration.ofMillis(2500)) >= 0, "20 pings answered in " + took);
    }
  }

  @Test
  void aTokenHoldsAtMostSoManySockets() {
    ApiClient marc = fixture.operator("Marc", null);
    try (WsClient first = WsClient.connect(server, marc.token());
        WsClient second = WsClient.connect(server, marc.token())) {
      first.send("{\"type\": \"ping\"}");
      first.awaitType("pong");
      second.send("{\"type\": \"ping\"}");
      second.awaitType("pong");
      try (WsClient third = WsClient.connect(server, marc.token())) {
        assertEquals("too_many_sockets", third.awaitType("error").get("code").asText());
        third.awaitClose();
      }
      first.close();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                try (WsClient again = WsClient.connect(server, marc.token())) {
                  again.send("{\"type\": \"ping\"}");
                  assertEquals("pong", again.await(frame -> true).get("type").asText());
                }
              });
    }
  }

  @Test
  void typingIsPassedOnOncePerInterval() {
    String channelId = fixture.channel("Typing");
    ApiClient marc = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    try (WsClient operator = WsClient.connect(server, marc.token());
        WsClient visitor = WsClient.connect(server, started.get("visitorToken").asText())) {
      operator.send(
          "{\"type\": \"subscribe\", \"conversationId\": \""
              + conversationId
              + "\", \"afterSeq\": 0}");
      operator.awaitType("conversation");
      for (int i = 0; i < 5; i++) {
        visitor.send("{\"type\": \"typing\", \"conversationId\": \"" + conversationId + "\"}");
      }
      visitor.send(ChatFixture.sendFrame(conversationId, "Hello", "m1"));
      visitor.awaitType("ack");
      operator.await(frame -> "message".equals(frame.path("type").asText()));
      long typing =
          operator.drain().stream().filter(f -> "typing".equals(f.path("type").asText())).count();
      assertEquals(1, typing);
    }
  }
}
