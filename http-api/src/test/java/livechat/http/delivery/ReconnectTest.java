package livechat.http.delivery;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A visitor whose connection drops catches up with afterSeq: nothing lost, nothing twice. */
class ReconnectTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("reconnect", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aVisitorReconnectingWithAfterSeq5GetsMessages6To10ExactlyOnceInOrder() {
    String channelId = fixture.channel("Website");
    ApiClient operator = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    String visitorToken = started.get("visitorToken").asText();

    try (WsClient operatorSocket = WsClient.connect(server, operator.token())) {
      WsClient visitorSocket = WsClient.connect(server, visitorToken);
      for (int i = 1; i <= 5; i++) {
        operatorSocket.send(ChatFixture.sendFrame(conversationId, "message " + i, "m-" + i));
      }
      assertEquals(
          List.of(1L, 2L, 3L, 4L, 5L), seqs(visitorSocket.awaitMessages(conversationId, 5)));
      visitorSocket.drop();

      for (int i = 6; i <= 10; i++) {
        operatorSocket.send(ChatFixture.sendFrame(conversationId, "message " + i, "m-" + i));
      }
      operatorSocket.await(
          frame -> frame.path("type").asText().equals("ack") && frame.path("seq").asLong() == 10);

      try (WsClient reconnected = WsClient.connect(server, visitorToken)) {
        reconnected.send(
            "{\"type\": \"subscribe\", \"conversationId\": \""
                + conversationId
                + "\", \"afterSeq\": 5}");
        assertEquals(
            List.of(6L, 7L, 8L, 9L, 10L), seqs(reconnected.awaitMessages(conversationId, 5)));
        operatorSocket.send(ChatFixture.sendFrame(conversationId, "message 11", "m-11"));
        assertEquals(List.of(11L), seqs(reconnected.awaitMessages(conversationId, 1)));
        assertEquals(
            List.of(),
            reconnected.drain().stream()
                .filter(frame -> frame.path("type").asText().equals("message"))
                .toList(),
            "no message twice");
      }
    }
    JsonNode history =
        expect(200, operator.get("/api/conversations/" + conversationId + "/messages"));
    assertEquals(LongStream.rangeClosed(1, 11).boxed().toList(), seqs(history.get("messages")));
  }

  private static List<Long> seqs(Iterable<JsonNode> messages) {
    List<Long> seqs = new ArrayList<>();
    messages.forEach(message -> seqs.add(message.get("seq").asLong()));
    return seqs;
  }
}
