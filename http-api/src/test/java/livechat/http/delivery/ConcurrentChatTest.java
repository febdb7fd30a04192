package livechat.http.delivery;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 50 visitors and 10 operators exchange 20 messages each at once over WebSocket: every acknowledged
 * message is in the history once, in the order its sender sent it.
 */
class ConcurrentChatTest {

  private static final int OPERATORS = 10;
  private static final int VISITORS = 50;
  private static final int MESSAGES = 20;

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("concurrent_chat", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noMessageIsLostOrDuplicated() throws Exception {
    String channelId = fixture.channel("Website");
    List<ApiClient> operators = new ArrayList<>();
    for (int i = 0; i < OPERATORS; i++) {
      operators.add(fixture.operator("Operator" + i, channelId));
    }
    List<WsClient> operatorSockets = new ArrayList<>();
    for (ApiClient operator : operators) {
      operatorSockets.add(WsClient.connect(server, operator.token()));
    }
    List<String> conversations = new ArrayList<>();
    List<ApiClient> visitors = new ArrayList<>();
    List<WsClient> visitorSockets = new ArrayList<>();
    for (int i = 0; i < VISITORS; i++) {
      JsonNode started = fixture.startConversation(channelId);
      assertEquals("active", started.get("status").asText());
      conversations.add(started.get("conversationId").asText());
      visitors.add(new ApiClient(server, started.get("visitorToken").asText()));
      visitorSockets.add(WsClient.connect(server, started.get("visitorToken").asText()));
    }
    Map<String, WsClient> operatorSocketOf = new HashMap<>();
    for (WsClient socket : operatorSockets) {
      for (int held = 0; held < VISITORS / OPERATORS; held++) {
        String conversationId = socket.awaitType("assigned").get("conversation").get("id").asText();
        operatorSocketOf.put(conversationId, socket);
      }
    }
    assertEquals(VISITORS, operatorSocketOf.size());

    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<Void>> sending = new ArrayList<>();
      for (int i = 0; i < VISITORS; i++) {
        String conversationId = conversations.get(i);
        WsClient visitor = visitorSockets.get(i);
        WsClient operator = operatorSocketOf.get(conversationId);
        sending.add(
            CompletableFuture.runAsync(() -> sendAll(visitor, conversationId, "v"), senders));
        sending.add(
            CompletableFuture.runAsync(() -> sendAll(operator, conversationId, "o"), senders));
      }
      CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
    } finally {
      senders.shutdown();
    }

    for (int i = 0; i < VISITORS; i++) {
      String conversationId = conversations.get(i);
      Map<String, Long> acked = new HashMap<>();
      collectAcks(visitorSockets.get(i), conversationId, "v", acked);
      collectAcks(operatorSocketOf.get(conversationId), conversationId, "o", acked);
      JsonNode history =
          expect(
              200,
              visitors.get(i).get("/api/conversations/" + conversationId + "/messages?limit=500"));
      List<JsonNode> messages = new ArrayList<>();
      history.get("messages").forEach(messages::add);
      assertEquals(
          LongStream.rangeClosed(1, 2L * MESSAGES).boxed().toList(),
          messages.stream().map(m -> m.get("seq").asLong()).toList(),
          "gap-free seq");
      for (JsonNode message : messages) {
        assertEquals(
            acked.get(message.get("clientMessageId").asText()),
            message.get("seq").asLong(),
            "acknowledged seq of " + message.get("clientMessageId").asText());
      }
      assertEquals(2 * MESSAGES, acked.size());
      assertEquals(sentOrder(conversationId, "v"), senderOrder(messages, "v"));
      assertEquals(sentOrder(conversationId, "o"), senderOrder(messages, "o"));
      List<Long> delivered =
          visitorSockets.get(i).awaitMessages(conversationId, 2 * MESSAGES).stream()
              .map(frame -> frame.get("seq").asLong())
              .toList();
      assertEquals(
          LongStream.rangeClosed(1, 2L * MESSAGES).boxed().toList(),
          delivered,
          "the visitor got every message once, in order");
    }
    visitorSockets.forEach(WsClient::close);
    operatorSockets.forEach(WsClient::close);
  }

  private static void sendAll(WsClient socket, String conversationId, String sender) {
    for (int n = 1; n <= MESSAGES; n++) {
      String id = clientMessageId(conversationId, sender, n);
      socket.send(ChatFixture.sendFrame(conversationId, sender + " says " + n, id));
    }
  }

  private static void collectAcks(
      WsClient socket, String conversationId, String sender, Map<String, Long> acked) {
    for (int n = 1; n <= MESSAGES; n++) {
      String id = clientMessageId(conversationId, sender, n);
      JsonNode ack =
          socket.await(
              frame ->
                  frame.path("type").asText().equals("ack")
                      && frame.path("clientMessageId").asText().equals(id));
      acked.put(id, ack.get("seq").asLong());
    }
  }

  private static List<String> sentOrder(String conversationId, String sender) {
    List<String> ids = new ArrayList<>();
    for (int n = 1; n <= MESSAGES; n++) {
      ids.add(clientMessageId(conversationId, sender, n));
    }
    return ids;
  }

  private static List<String> senderOrder(List<JsonNode> messages, String sender) {
    return messages.stream()
        .map(message -> message.get("clientMessageId").asText())
        .filter(id -> id.contains("/" + sender + "/"))
        .toList();
  }

  private static String clientMessageId(String conversationId, String sender, int n) {
    return conversationId + "/" + sender + "/" + n;
  }
}
