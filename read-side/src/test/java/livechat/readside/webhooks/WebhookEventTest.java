package livechat.readside.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.operator.OperatorEvent;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.junit.jupiter.api.Test;

/** What a receiver gets for each journal event, and what it never gets. */
class WebhookEventTest {

  private static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");
  private static final String CONVERSATION = "6f1c1a52-7a51-4f7e-9d9e-0d5f8f6b2a10";
  private static final String OPERATOR = "0b9d6d1e-52a4-4a2e-8f0e-3c8e2f1d4b77";

  @Test
  void aMessageIsSentWithItsConversationAndAnIdThatIsItsJournalPosition() throws Exception {
    var message =
        new Conversation.Message(
            4, new Conversation.Author("operator", OPERATOR, "Anne"), "On its way.", AT, "o2");
    JsonNode json = body(conversation(new ConversationEvent.MessageAdded(message), 7));

    assertEquals(CONVERSATION + ":7", json.get("id").asText());
    assertEquals("conversation.message", json.get("type").asText());
    assertEquals("2026-11-29T10:15:30Z", json.get("at").asText());
    assertEquals(CONVERSATION, json.get("data").get("conversationId").asText());
    assertEquals(
        "{\"seq\":4,\"author\":{\"kind\":\"operator\",\"displayName\":\"Anne\"},\"text\":\"On its"
            + " way.\",\"at\":\"2026-11-29T10:15:30Z\",\"clientMessageId\":\"o2\"}",
        json.get("data").get("message").toString());
  }

  @Test
  void eachLifecycleEventHasItsType() {
    assertEquals(
        List.of(
            "conversation.started",
            "conversation.assigned",
            "conversation.transferred",
            "conversation.closed",
            "conversation.rated"),
        List.of(
                new ConversationEvent.ConversationOpened(
                    "channel", new Conversation.Visitor("Visitor #1", "fr_FR", null), AT),
                new ConversationEvent.OperatorAssigned(OPERATOR, "Anne", AT),
                new ConversationEvent.Transferred(OPERATOR, "other", "Marc", AT),
                new ConversationEvent.Closed("operator", AT, null, null, null, null, 5L),
                new ConversationEvent.Rated(5, null, AT))
            .stream()
            .map(event -> WebhookEvent.of(conversation(event, 1)).orElseThrow().type())
            .toList());
  }

  @Test
  void anOperatorsDisconnectionNamesTheOperatorAndItsChannels() throws Exception {
    JsonNode json =
        body(
            new EventEnvelope(
                Offset.noOffset(),
                "Operator|" + OPERATOR,
                12,
                new OperatorEvent.Disconnected("inactivity", List.of("sales", "support"), AT),
                AT.toEpochMilli(),
                scala.Option.empty()));

    assertEquals("operator.disconnected", json.get("type").asText());
    assertEquals(OPERATOR + ":12", json.get("id").asText());
    assertEquals(
        "{\"operatorId\":\""
            + OPERATOR
            + "\",\"reason\":\"inactivity\","
            + "\"channels\":[\"sales\",\"support\"]}",
        json.get("data").toString());
  }

  @Test
  void seenPointersAreNotAnnounced() {
    assertTrue(
        WebhookEvent.of(conversation(new ConversationEvent.SeenMoved("visitor", 3), 9)).isEmpty());
  }

  private static EventEnvelope conversation(ConversationEvent event, long sequenceNr) {
    return new EventEnvelope(
        Offset.noOffset(),
        "Conversation|" + CONVERSATION,
        sequenceNr,
        event,
        AT.toEpochMilli(),
        scala.Option.empty());
  }

  private static JsonNode body(EventEnvelope envelope) throws Exception {
    return new ObjectMapper().readTree(WebhookEvent.of(envelope).orElseThrow().body());
  }
}
