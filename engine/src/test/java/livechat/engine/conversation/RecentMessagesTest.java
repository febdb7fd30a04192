package livechat.engine.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import livechat.engine.conversation.Conversation.Author;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationState.Opened;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;

class RecentMessagesTest {

  private static Message message(long seq) {
    return new Message(seq, new Author("visitor", null, "Visitor"), "m" + seq, Instant.EPOCH, null);
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }

  @Test
  void keepsTheLastMessagesUpToTheLimitOldestFirst() {
    List<Message> recent = List.of();
    for (long seq = 1; seq <= 1_000; seq++) {
      recent = RecentMessages.append(recent, message(seq), 10);
      assertEquals(range(Math.max(1, seq - 9), seq), seqs(recent));
    }
  }

  @Test
  void anEarlierListStaysAsItWasWhileLaterOnesGrow() {
    List<List<Message>> made = new ArrayList<>();
    List<Message> recent = List.of();
    for (long seq = 1; seq <= 50; seq++) {
      recent = RecentMessages.append(recent, message(seq), 4);
      made.add(recent);
    }
    for (int i = 0; i < made.size(); i++) {
      long seq = i + 1;
      assertEquals(range(Math.max(1, seq - 3), seq), seqs(made.get(i)));
    }
  }

  @Test
  void aListAppendedToTwiceGivesTwoIndependentLists() {
    List<Message> base = RecentMessages.append(List.of(message(1)), message(2), 5);
    List<Message> first = RecentMessages.append(base, message(3), 5);
    List<Message> second = RecentMessages.append(base, message(30), 5);
    assertEquals(List.of(1L, 2L), seqs(base));
    assertEquals(List.of(1L, 2L, 3L), seqs(first));
    assertEquals(List.of(1L, 2L, 30L), seqs(second));
    assertEquals(List.of(1L, 2L, 3L, 4L), seqs(RecentMessages.append(first, message(4), 5)));
  }

  @Test
  void startsFromAnyListAndCutsItToTheLimit() {
    List<Message> restored = new ArrayList<>();
    for (long seq = 1; seq <= 8; seq++) {
      restored.add(message(seq));
    }
    assertEquals(range(5, 9), seqs(RecentMessages.append(restored, message(9), 5)));
    assertEquals(List.of(), RecentMessages.append(restored, message(9), 0));
  }

  @Test
  void cannotBeChangedFromOutside() {
    List<Message> recent = RecentMessages.append(List.of(), message(1), 3);
    assertThrows(UnsupportedOperationException.class, () -> recent.add(message(2)));
    assertThrows(IndexOutOfBoundsException.class, () -> recent.get(1));
  }

  @Test
  void aSnapshotKeepsTheRecentMessagesAndGrowsAgainAfterItIsRead() {
    Opened state =
        Opened.opened(new ConversationOpened("website", new Visitor("Anna", "en_US", null), null));
    for (long seq = 1; seq <= 30; seq++) {
      state = state.apply(new MessageAdded(message(seq)), 10);
    }
    ActorTestKit testKit = ActorTestKit.create();
    try {
      Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
      byte[] bytes = serialization.serialize(state).get();
      Opened read =
          (Opened)
              serialization
                  .deserialize(
                      bytes,
                      serialization.findSerializerFor(state).identifier(),
                      Serializers.manifestFor(serialization.findSerializerFor(state), state))
                  .get();

      assertEquals(range(21, 30), seqs(read.recent()));
      assertEquals(range(22, 31), seqs(read.apply(new MessageAdded(message(31)), 10).recent()));
    } finally {
      testKit.shutdownTestKit();
    }
  }
}
