package livechat.engine.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import livechat.engine.channel.ChannelEvent;
import livechat.engine.channel.ChannelState;
import livechat.engine.conversation.Conversation.Author;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationState.Opened;
import livechat.engine.operator.OperatorEvent;
import livechat.engine.operator.OperatorState;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Events and snapshots stored under the earlier class names are still read. */
class EarlierClassNamesTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));
  private static final Serializer cbor =
      serialization.findSerializerFor(new MessageAdded(message(1, "visitor")));
  private static final ObjectMapper mapper =
      JacksonObjectMapperProvider.get(Adapter.toClassic(testKit.system()))
          .getOrCreate("jackson-cbor", Optional.empty());

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void anEventStoredUnderItsEarlierNameIsReadAsToday() {
    MessageAdded added = new MessageAdded(message(7, "visitor"));

    Object read = read(cbor.toBinary(added), "livechat.engine.Conversation$MessageAdded");

    assertEquals(added, read);
  }

  @Test
  void aChannelEventAndSnapshotStoredUnderTheirEarlierNamesAreReadAsToday() {
    ChannelEvent.ConversationQueued queued =
        new ChannelEvent.ConversationQueued(
            "c1", "en_US", 7, Instant.parse("2026-03-02T09:00:00Z"), null);
    ChannelState.Open open =
        new ChannelState.Open(
            "Website",
            Map.of(),
            List.of(new ChannelState.Waiting("c1", "en_US", null, null)),
            8,
            3);

    assertEquals(queued, read(cbor.toBinary(queued), "livechat.engine.Channel$ConversationQueued"));
    assertEquals(open, read(cbor.toBinary(open), "livechat.engine.Channel$Open"));
  }

  @Test
  void anOperatorEventAndSnapshotStoredUnderTheirEarlierNamesAreReadAsToday() {
    Instant at = Instant.parse("2026-03-02T09:00:00Z");
    OperatorEvent.ChannelJoined joined = new OperatorEvent.ChannelJoined("website", at);
    OperatorState.Registered registered =
        new OperatorState.Registered(
            "marc",
            "Marc",
            "hash",
            null,
            "en_US",
            List.of("fr_FR"),
            5,
            List.of("website"),
            Map.of("c1", "website"),
            List.of("c1"),
            at,
            true,
            false,
            3);

    assertEquals(joined, read(cbor.toBinary(joined), "livechat.engine.Operator$ChannelJoined"));
    assertEquals(
        registered, read(cbor.toBinary(registered), "livechat.engine.Operator$Registered"));
  }

  @Test
  void aSnapshotThatKeptEveryMessageBecomesOneThatKeepsTheRecentOnes() throws Exception {
    List<Message> messages =
        LongStream.rangeClosed(1, 130)
            .mapToObj(seq -> message(seq, seq == 60 ? "system" : "visitor"))
            .toList();
    ObjectNode earlier = mapper.createObjectNode();
    earlier.put("channelId", "website");
    earlier.set("visitor", mapper.valueToTree(new Visitor("Anna", "en_US", null)));
    earlier.put("status", "active");
    earlier.put("operatorId", "marc");
    earlier.put("operatorDisplayName", "Marc");
    ArrayNode all = earlier.putArray("messages");
    messages.forEach(message -> all.add(mapper.valueToTree(message)));
    earlier.set("clientMessageIds", mapper.valueToTree(Map.of("c-130", 130)));
    earlier.set("seen", mapper.valueToTree(Map.of("visitor", 130, "operator:marc", 120)));
    earlier.putNull("rating");
    earlier.putNull("ratingComment");
    earlier.put("lastActivityAt", "2026-03-02T09:00:00Z");

    Opened state =
        assertInstanceOf(
            Opened.class,
            read(mapper.writeValueAsBytes(earlier), "livechat.engine.Conversation$Opened"));

    assertEquals(130, state.lastSeq());
    assertEquals(100, state.recent().size());
    assertEquals(31, state.recent().get(0).seq());
    assertEquals(List.of(60L), state.systemSeqs());
    assertEquals(10, state.unread("operator:marc"));
    assertEquals(130, state.seqOfClientMessage("c-130"));
    assertTrue(state.journalPositionAfter(20) <= 21, "a position no later than the message's");
    assertEquals("marc", state.operatorId());
  }

  private static Object read(byte[] bytes, String manifest) {
    return serialization.deserialize(bytes, cbor.identifier(), manifest).get();
  }

  private static Message message(long seq, String kind) {
    return new Message(
        seq,
        new Author(kind, null, kind.equals("system") ? "System" : "Anna"),
        "message " + seq,
        Instant.parse("2026-03-02T09:00:00Z"),
        "c-" + seq);
  }
}
