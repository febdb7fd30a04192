package livechat.http.delivery;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
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

/**
 * A conversation far longer than the messages it keeps in memory: a client resuming from the start,
 * and history pages, get every message once and in order, read from the journal.
 */
class LongHistoryTest {

  private static final int MESSAGES = 250;

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "long_history",
            List.of(),
            ConfigFactory.parseString("livechat.conversation.recent-messages = 10"));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aClientResumingFromTheStartGetsEveryMessageOnceInOrder() {
    String channelId = fixture.channel("Website");
    ApiClient operator = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    for (int i = 1; i <= MESSAGES; i++) {
      expect(
          201,
          operator.post(
              "/api/conversations/" + conversationId + "/messages",
              "{\"text\": \"message " + i + "\", \"clientMessageId\": \"m-" + i + "\"}"));
    }

    try (WsClient visitor = WsClient.connect(server, started.get("visitorToken").asText())) {
      visitor.send(
          "{\"type\": \"subscribe\", \"conversationId\": \""
              + conversationId
              + "\", \"afterSeq\": 0}");
      List<JsonNode> resumed = visitor.awaitMessages(conversationId, MESSAGES);
      assertEquals(range(1, MESSAGES), seqs(resumed));
      assertEquals("message 1", resumed.get(0).get("text").asText());
      expect(
          201,
          operator.post(
              "/api/conversations/" + conversationId + "/messages",
              "{\"text\": \"one more\", \"clientMessageId\": \"m-more\"}"));
      assertEquals(List.of((long) MESSAGES + 1), seqs(visitor.awaitMessages(conversationId, 1)));
    }

    String messages = "/api/conversations/" + conversationId + "/messages";
    assertEquals(
        range(101, 150),
        seqs(expect(200, operator.get(messages + "?after=100&limit=50")).get("messages")));
    assertEquals(
        range(1, MESSAGES + 1),
        seqs(expect(200, operator.get(messages + "?limit=500")).get("messages")));
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static List<Long> seqs(Iterable<JsonNode> messages) {
    List<Long> seqs = new ArrayList<>();
    messages.forEach(message -> seqs.add(message.get("seq").asLong()));
    return seqs;
  }
}
