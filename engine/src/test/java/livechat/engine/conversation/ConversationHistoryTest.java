package livechat.engine.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import livechat.engine.EngineSettings;
import livechat.engine.EngineTestSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.ManualClock;
import livechat.engine.ProbeDirectory;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessageAccepted;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A conversation keeps only its recent messages; older ones are read back from its journal, and
 * what it keeps (de-duplication, unread counts) stays exact beyond them.
 */
class ConversationHistoryTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseString(
                  "livechat.conversation.read-journal = \"pekko.persistence.testkit.query\"")
              .withFallback(PersistenceTestKitPlugin.getInstance().config())
              .withFallback(PersistenceTestKitSnapshotPlugin.config())
              .withFallback(ConfigFactory.load()));

  private static final Participant VISITOR = Participant.visitor();
  private static final Participant MARC = Participant.operator("marc");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final ProbeDirectory probes = new ProbeDirectory(testKit);
  private final String conversationId = UUID.randomUUID().toString();
  private ActorRef<Conversation.Command> conversation;
  private ConversationHistory history;

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void olderMessagesThanTheRecentOnesAreReadFromTheJournal() {
    start(5);
    sendFromVisitor(12);

    Conversation.Messages fromEntity = ask(0);
    assertTrue(fromEntity.messages().isEmpty());
    assertTrue(fromEntity.readJournalFrom() > 0);

    assertEquals(range(1, 12), seqs(page(0, 500)));
    assertEquals(range(4, 7), seqs(page(3, 4)));
    assertEquals(range(10, 12), seqs(page(9, 500)));
    assertEquals(0, ask(9).readJournalFrom(), "the last five are in memory");
    assertEquals(12, page(0, 500).lastSeq());
    assertEquals("message 7", page(6, 1).messages().get(0).text());
  }

  @Test
  void aHistoryReadStartsAtTheNearestCheckpointNotAtTheFirstEvent() {
    start(5);
    claimForMarc();
    for (int i = 1; i <= 250; i++) {
      sendFrom(VISITOR, "message " + i, null);
      seen(MARC, i);
    }
    // opened and assigned, then a message and a seen pointer each: message m is event 2m + 1
    assertEquals(203, ask(180).readJournalFrom());
    assertEquals(range(181, 190), seqs(page(180, 10)));
    assertEquals(range(1, 3), seqs(page(0, 3)));
  }

  @Test
  void aPageStopsShortOfAFrameAndTheRestIsAskedFor() {
    start(100);
    String long4000 = "x".repeat(4000);
    for (int i = 0; i < 20; i++) {
      sendFrom(VISITOR, long4000, null);
    }

    Conversation.Messages fromEntity = ask(0);
    assertTrue(fromEntity.messages().size() < 20);
    assertTrue(fromEntity.messages().size() * 4000 <= Conversation.MAX_REPLY_CHARS);

    assertEquals(range(1, 20), seqs(page(0, 500)));
  }

  @Test
  void aSubscriberBehindTheRecentMessagesIsToldHowFarItMustRead() {
    start(5);
    sendFromVisitor(12);

    TestProbe<Conversation.Update> behind = testKit.createTestProbe();
    conversation.tell(new Conversation.Subscribe(2, VISITOR, behind.ref()));
    Conversation.StatusChanged status =
        assertInstanceOf(Conversation.StatusChanged.class, behind.receiveMessage());
    assertEquals(12, status.lastSeq());

    TestProbe<Conversation.Update> recent = testKit.createTestProbe();
    conversation.tell(new Conversation.Subscribe(9, VISITOR, recent.ref()));
    for (long seq = 10; seq <= 12; seq++) {
      Conversation.Update update = recent.receiveMessage();
      assertEquals(seq, assertInstanceOf(Conversation.MessagePosted.class, update).message().seq());
    }
    assertInstanceOf(Conversation.StatusChanged.class, recent.receiveMessage());
  }

  @Test
  void aRepeatedClientMessageIdIsRecognisedWithinTheRecentMessages() {
    start(5);
    assertEquals(new MessageAccepted(1, false), sendFrom(VISITOR, "hello", "c-1").getValue());
    sendFromVisitor(3);
    assertEquals(new MessageAccepted(1, true), sendFrom(VISITOR, "hello", "c-1").getValue());

    sendFromVisitor(5);
    MessageAccepted beyond = sendFrom(VISITOR, "hello", "c-1").getValue();
    assertFalse(beyond.duplicate(), "past the recent messages, a repeat is a new message");
    assertEquals(10, beyond.seq());
  }

  @Test
  void unreadCountsStayExactBeyondTheRecentMessages() {
    start(3);
    claimForMarc();
    sendFromVisitor(8);
    assertEquals(8, view(MARC).unread());

    seen(MARC, 2);
    assertEquals(6, view(MARC).unread());
    sendFrom(MARC, "answer", null);
    assertEquals(0, view(MARC).unread());
    assertEquals(1, view(VISITOR).unread());

    TestProbe<StatusReply<Conversation.View>> closed = testKit.createTestProbe();
    conversation.tell(new Conversation.Close(VISITOR, closed.ref()));
    probes.operatorProbe("marc").expectMessageClass(Operator.ReleaseConversation.class);
    assertEquals(1, view(VISITOR).unread(), "a system message is not unread");
    assertEquals(10, view(VISITOR).lastSeq());
  }

  // ---------------------------------------------------------------- helpers

  private void start(int recentMessages) {
    EngineSettings settings =
        EngineTestSettings.withConversationLimits(
            100_000, recentMessages, EngineTestSettings.DEFAULTS.waitingWithoutVisitorTimeout());
    conversation = testKit.spawn(Conversation.create(conversationId, probes, settings, clock));
    history =
        new ConversationHistory(testKit.system(), new OneConversation(), Duration.ofSeconds(5));
    TestProbe<StatusReply<Done>> opened = testKit.createTestProbe();
    conversation.tell(
        new Conversation.Open(
            "website",
            new Conversation.Visitor("Visitor #7", "en_US", null),
            null,
            null,
            opened.ref()));
    opened.expectMessage(StatusReply.ack());
  }

  private void claimForMarc() {
    TestProbe<Conversation.AssignmentAnswer> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.AssignOperator("marc", "Marc", "website", probe.ref()));
    assertInstanceOf(Conversation.Assigned.class, probe.receiveMessage());
    probes.operatorProbe("marc").expectMessage(new Operator.AssignmentConfirmed(conversationId));
  }

  private void sendFromVisitor(int count) {
    for (int i = 0; i < count; i++) {
      assertTrue(sendFrom(VISITOR, "message " + (i + 1), null).isSuccess());
    }
  }

  private StatusReply<MessageAccepted> sendFrom(
      Participant from, String text, String clientMessageId) {
    TestProbe<StatusReply<MessageAccepted>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.SendMessage(from, text, clientMessageId, probe.ref()));
    return probe.receiveMessage();
  }

  private void seen(Participant by, long seq) {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.MarkSeen(by, seq, probe.ref()));
    probe.expectMessage(StatusReply.ack());
  }

  private Conversation.View view(Participant viewer) {
    TestProbe<StatusReply<Conversation.View>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.GetView(viewer, probe.ref()));
    return probe.receiveMessage().getValue();
  }

  private Conversation.Messages ask(long afterSeq) {
    TestProbe<StatusReply<Conversation.Messages>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.GetMessages(afterSeq, 500, probe.ref()));
    return probe.receiveMessage().getValue();
  }

  private Conversation.Messages page(long afterSeq, int limit) {
    try {
      return history
          .page(conversationId, afterSeq, limit)
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Long> seqs(Conversation.Messages page) {
    return page.messages().stream().map(Message::seq).toList();
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** The conversation under test, and probes for every other entity. */
  private final class OneConversation implements EntityDirectory {
    @Override
    public RecipientRef<Operator.Command> operator(String operatorId) {
      return probes.operator(operatorId);
    }

    @Override
    public RecipientRef<Channel.Command> channel(String channelId) {
      return probes.channel(channelId);
    }

    @Override
    public RecipientRef<Conversation.Command> conversation(String id) {
      return conversation;
    }
  }
}
